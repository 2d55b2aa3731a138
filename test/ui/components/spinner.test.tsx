import {afterEach, expect, test} from 'vitest';
import {Spinner} from '../../../source/ui/components/spinner.tsx';
import {renderUi, type Ui} from '../render-ui.tsx';

let ui: Ui | undefined;
afterEach(() => {
	ui?.unmount();
	ui = undefined;
});

test('the frame follows the clock it is given', () => {
	ui = renderUi(<Spinner now={0} />);
	expect(ui.frame()).toBe('⠋');
	ui.unmount();
	ui = renderUi(<Spinner now={250} />);
	expect(ui.frame()).toBe('⠹');
});

test('without animation it stands still, in ASCII on a dumb terminal', () => {
	ui = renderUi(<Spinner now={250} />, {terminal: {color: false, unicode: false, animate: false}});
	expect(ui.frame()).toBe('*');
});
