// The entry of `@civic-kiosk/ui/keyboard.js`: registers <ck-keyboard> and
// exports its class. A separate entry (not in define.js) so pages without free
// text pay nothing for it; its pinyin dictionary loads on first use.
import { CkKeyboard } from './keyboard-element.js';

if (!customElements.get('ck-keyboard')) customElements.define('ck-keyboard', CkKeyboard);

export { CkKeyboard, KEYBOARD_ENTER_EVENT, KEYBOARD_INPUT_EVENT, type KeyboardDetail } from './keyboard-element.js';
export type { KeyboardLayout } from './keyboard-layout.js';

declare global {
  interface HTMLElementTagNameMap {
    'ck-keyboard': CkKeyboard;
  }
}
