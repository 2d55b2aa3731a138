import {UsageError} from '../errors.ts';

export type Labels = Readonly<Record<string, string>>;

/** Whether a set of labels matches a selector. */
export type LabelSelector = (labels: Labels) => boolean;

type Requirement =
	| {readonly key: string; readonly operator: 'exists' | 'absent'}
	| {readonly key: string; readonly operator: 'in' | 'notin'; readonly values: ReadonlySet<string>}
	| {readonly key: string; readonly operator: 'gt' | 'lt'; readonly value: number};

const hint = `e.g. -l pool=build, -l 'env in (prod,staging)', -l 'tier!=web,!gpu' (kubectl's label selector syntax)`;

// A label key: an optional DNS subdomain prefix and a slash, then a name of up to 63 characters.
const namePart = /^[A-Za-z\d]([-A-Za-z\d_.]{0,61}[A-Za-z\d])?$/;
const prefixPart = /^[a-z\d]([-a-z\d]*[a-z\d])?(\.[a-z\d]([-a-z\d]*[a-z\d])?)*$/;

function invalid(selector: string, why: string): UsageError {
	return new UsageError(`-l/--selector "${selector}" is not a valid label selector: ${why}`, hint);
}

function checkKey(selector: string, key: string): string {
	const slash = key.lastIndexOf('/');
	const prefix = slash === -1 ? undefined : key.slice(0, slash);
	const name = slash === -1 ? key : key.slice(slash + 1);
	if (!namePart.test(name) || (prefix !== undefined && (prefix.length > 253 || !prefixPart.test(prefix)))) {
		throw invalid(selector, `"${key}" is not a label key`);
	}

	return key;
}

function checkValue(selector: string, value: string): string {
	if (value !== '' && !namePart.test(value)) {
		throw invalid(selector, `"${value}" is not a label value (up to 63 letters, digits, '-', '_' or '.')`);
	}

	return value;
}

/** Words and operators: kubectl's lexer, where an identifier runs up to whitespace or one of `,=!()<>`. */
function tokenize(selector: string): string[] {
	return selector.match(/==|!=|[,=!()<>]|[^\s,=!()<>]+/g) ?? [];
}

/**
 * Parses a label selector the way kubectl's `-l` does: comma-separated
 * requirements, each `key`, `!key`, `key=value`, `key==value`,
 * `key!=value`, `key in (a,b)`, `key notin (a,b)`, `key>1` or `key<1`.
 * As in Kubernetes, `!=` and `notin` also match nodes without the key.
 * The empty selector matches everything.
 */
export function parseLabelSelector(selector: string): LabelSelector {
	const tokens = tokenize(selector);
	const requirements: Requirement[] = [];
	let at = 0;
	const next = () => tokens[at++];
	const peek = () => tokens[at];
	const isWord = (token: string | undefined) => token !== undefined && !/^(==|!=|[,=!()<>])$/.test(token);

	while (at < tokens.length) {
		const negated = peek() === '!';
		if (negated) {
			at++;
		}

		const key = next();
		if (!isWord(key)) {
			throw invalid(selector, key === undefined ? 'it ends where a label key should be' : `"${key}" where a label key should be`);
		}

		checkKey(selector, key!);
		const operator = peek();
		if (operator === undefined || operator === ',') {
			requirements.push({key: key!, operator: negated ? 'absent' : 'exists'});
		} else if (negated) {
			throw invalid(selector, `"!${key}" takes no operator or value`);
		} else if (operator === '=' || operator === '==' || operator === '!=') {
			at++;
			const value = isWord(peek()) ? next()! : '';
			requirements.push({key: key!, operator: operator === '!=' ? 'notin' : 'in', values: new Set([checkValue(selector, value)])});
		} else if (operator === 'in' || operator === 'notin') {
			at++;
			if (next() !== '(') {
				throw invalid(selector, `"${operator}" needs a list in parentheses, e.g. ${key} ${operator} (a,b)`);
			}

			const values = new Set<string>();
			for (;;) {
				const value = isWord(peek()) ? next()! : '';
				values.add(checkValue(selector, value));
				const separator = next();
				if (separator === ')') {
					break;
				}

				if (separator !== ',') {
					throw invalid(selector, `the list after "${key} ${operator}" is not closed with ")"`);
				}
			}

			requirements.push({key: key!, operator, values});
		} else if (operator === '<' || operator === '>') {
			at++;
			const value = next();
			if (value === undefined || !/^-?\d+$/.test(value)) {
				throw invalid(selector, `"${key} ${operator}" needs a whole number`);
			}

			requirements.push({key: key!, operator: operator === '>' ? 'gt' : 'lt', value: Number(value)});
		} else {
			throw invalid(selector, `"${operator}" after "${key}" is not an operator (=, ==, !=, in, notin, <, >)`);
		}

		const separator = next();
		if (separator !== undefined && separator !== ',') {
			throw invalid(selector, `"${separator}" where a comma should separate two requirements`);
		}

		if (separator === ',' && at >= tokens.length) {
			throw invalid(selector, 'it ends with a comma');
		}
	}

	return labels => requirements.every(requirement => matches(requirement, labels));
}

function matches(requirement: Requirement, labels: Labels): boolean {
	const has = Object.hasOwn(labels, requirement.key);
	const value = has ? labels[requirement.key] : undefined;
	switch (requirement.operator) {
		case 'exists': {
			return has;
		}

		case 'absent': {
			return !has;
		}

		case 'in': {
			return has && requirement.values.has(value!);
		}

		case 'notin': {
			return !has || !requirement.values.has(value!);
		}

		case 'gt':
		case 'lt': {
			if (!has || !/^-?\d+$/.test(value!)) {
				return false;
			}

			return requirement.operator === 'gt' ? Number(value) > requirement.value : Number(value) < requirement.value;
		}
	}
}
