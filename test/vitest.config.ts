import {defineConfig} from 'vitest/config';
import {SummaryReporter} from './summary-reporter.ts';

export default defineConfig({
	test: {
		root: new URL('..', import.meta.url).pathname,
		reporters: ['default', new SummaryReporter()],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['test/**/*.test.{ts,tsx}'],
					exclude: ['test/e2e/**', 'node_modules/**'],
				},
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.{ts,tsx}'],
					testTimeout: 300_000,
					hookTimeout: 600_000,
					fileParallelism: false,
				},
			},
		],
	},
});
