import type {NodeInfo} from '../../inventory/types.ts';

export type NodePredicate = (node: NodeInfo) => boolean;

/**
 * What the `/` filter accepts: words separated by spaces or commas, all of
 * which must match. `key=value` (or `key==value`) and `key!=value` test a
 * label; any other word is a case-insensitive part of the node name.
 */
export function parseNodeFilter(text: string): NodePredicate {
	const terms = text.split(/[\s,]+/).filter(term => term !== '').map(parseTerm);
	return node => terms.every(term => term(node));
}

function parseTerm(term: string): NodePredicate {
	const label = /^([^=!]+)(!=|==|=)(.*)$/.exec(term);
	if (label === null) {
		const part = term.toLowerCase();
		return node => node.name.toLowerCase().includes(part);
	}

	const [, key = '', operator, value] = label;
	return operator === '!=' ? node => node.labels[key] !== value : node => node.labels[key] === value;
}
