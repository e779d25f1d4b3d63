// A stand-in for <ck-keyboard> (CONTRACT A) when the real one is not registered: an element that the tests
// make fire the contract's events, as a visitor's typing would.
if (!customElements.get('ck-keyboard')) {
  customElements.define(
    'ck-keyboard',
    class extends HTMLElement {
      value = '';
    },
  );
}
