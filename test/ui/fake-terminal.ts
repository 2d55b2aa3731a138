import {EventEmitter} from 'node:events';
import {stripVTControlCharacters} from 'node:util';

/** A keyboard in raw mode, as Ink drives a TTY's stdin. */
export class FakeStdin extends EventEmitter {
	readonly isTTY: boolean;
	rawMode = false;
	everRaw = false;
	private readonly chunks: string[] = [];

	constructor(isTTY = true) {
		super();
		this.isTTY = isTTY;
	}

	setRawMode(on: boolean): this {
		this.rawMode = on;
		this.everRaw ||= on;
		return this;
	}

	setEncoding(): this {
		return this;
	}

	resume(): this {
		return this;
	}

	pause(): this {
		return this;
	}

	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}

	read(): string | null {
		return this.chunks.shift() ?? null;
	}

	type(data: string): void {
		this.chunks.push(data);
		this.emit('readable');
	}
}

/** A terminal screen that keeps everything written to it. */
export class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	readonly columns = 100;
	readonly rows = 30;
	written = '';

	write(data: string, callback?: () => void): boolean {
		this.written += data;
		callback?.();
		return true;
	}

	text(): string {
		return stripVTControlCharacters(this.written);
	}
}
