import { IDLE_EVENT, setLocale } from '@civic-kiosk/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define.js';
import { DIALOG_CLOSE_EVENT, type KioskDialog } from '../src/dialog.js';
import { deepActive, part, text } from './helpers.js';

interface Scene {
  opener: HTMLButtonElement;
  dialog: KioskDialog;
}

/** A page with a button that opens a dialog, as a service would have. */
async function scene(dialogAttributes = html``): Promise<Scene> {
  const root = await fixture<HTMLDivElement>(html`<div>
    <button id="opener" type="button">打开</button>
    <ck-dialog heading="确认借书" ${dialogAttributes}>
      <p>共 2 本书，到期日 5 月 20 日。</p>
      <button slot="footer" type="button">确认</button>
    </ck-dialog>
  </div>`);
  const opener = root.querySelector<HTMLButtonElement>('#opener')!;
  const dialog = root.querySelector<KioskDialog>('ck-dialog')!;
  opener.focus();
  return { opener, dialog };
}

async function open(dialog: KioskDialog): Promise<HTMLDialogElement> {
  dialog.open = true;
  await dialog.updateComplete;
  return part<HTMLDialogElement>(dialog, 'dialog');
}

describe('ck-dialog', () => {
  afterEach(() => setLocale('zh-CN'));

  it('opens as a modal with focus inside it', async () => {
    const { dialog } = await scene();
    const native = await open(dialog);
    expect(native.open).to.equal(true);
    expect(native.matches(':modal')).to.equal(true);
    const focused = deepActive();
    expect(dialog.contains(focused) || native.contains(focused)).to.equal(true);
    await expect(dialog).to.be.accessible();
  });

  it('is named by its heading and has a large, labelled close button', async () => {
    const { dialog } = await scene();
    const native = await open(dialog);
    expect(native.getAttribute('aria-labelledby')).to.equal('heading');
    expect(text(part(dialog, 'heading'))).to.equal('确认借书');
    const close = part(dialog, 'close-button');
    expect(text(close)).to.equal('关闭');
    expect(close.getBoundingClientRect().height).to.be.at.least(48);
    await setLocale('en');
    await dialog.updateComplete;
    expect(text(part(dialog, 'close-button'))).to.equal('Close');
  });

  it('closes on its close button, returns focus and reports "button"', async () => {
    const { opener, dialog } = await scene();
    const native = await open(dialog);
    const closed = oneEvent(dialog, DIALOG_CLOSE_EVENT);
    part(dialog, 'close-button').click();
    const event = await closed;
    expect(event.detail).to.deep.equal({ reason: 'button' });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(native.open).to.equal(false);
    expect(dialog.open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('closes on Escape and reports "escape"', async () => {
    const { opener, dialog } = await scene();
    await open(dialog);
    const closed = oneEvent(dialog, DIALOG_CLOSE_EVENT);
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail.reason).to.equal('escape');
    expect(dialog.open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('keeps open in step when the browser closes the dialog by itself', async () => {
    const { dialog } = await scene();
    const native = await open(dialog);
    const closed = oneEvent(dialog, DIALOG_CLOSE_EVENT);
    native.close();
    expect((await closed).detail.reason).to.equal('escape');
    expect(dialog.open).to.equal(false);
  });

  it('closes when the kiosk goes idle and reports "idle"', async () => {
    const { dialog } = await scene();
    await open(dialog);
    const closed = oneEvent(dialog, DIALOG_CLOSE_EVENT);
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    expect((await closed).detail.reason).to.equal('idle');
    expect(part<HTMLDialogElement>(dialog, 'dialog').open).to.equal(false);
  });

  it('stays open on idle with close-on-idle="false"', async () => {
    const { dialog } = await scene(html``);
    dialog.setAttribute('close-on-idle', 'false');
    expect(dialog.closeOnIdle).to.equal(false);
    await open(dialog);
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    await dialog.updateComplete;
    expect(dialog.open).to.equal(true);
    dialog.removeAttribute('close-on-idle');
    expect(dialog.closeOnIdle).to.equal(true);
  });

  it('fires nothing when code closes it, by property or by method', async () => {
    const { dialog } = await scene();
    let events = 0;
    dialog.addEventListener(DIALOG_CLOSE_EVENT, () => events++);
    await open(dialog);
    dialog.open = false;
    await dialog.updateComplete;
    expect(part<HTMLDialogElement>(dialog, 'dialog').open).to.equal(false);
    dialog.show();
    await dialog.updateComplete;
    expect(part<HTMLDialogElement>(dialog, 'dialog').open).to.equal(true);
    dialog.close();
    await dialog.updateComplete;
    expect(part<HTMLDialogElement>(dialog, 'dialog').open).to.equal(false);
    expect(events).to.equal(0);
  });

  it('ignores close() and idle while already closed', async () => {
    const { dialog } = await scene();
    let events = 0;
    dialog.addEventListener(DIALOG_CLOSE_EVENT, () => events++);
    dialog.close();
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    await dialog.updateComplete;
    expect(events).to.equal(0);
  });

  it('opens at once when rendered with the open attribute', async () => {
    const el = await fixture<KioskDialog>(html`<ck-dialog open heading="提示"><p>内容</p></ck-dialog>`);
    expect(part<HTMLDialogElement>(el, 'dialog').open).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows the footer only when it has actions', async () => {
    const { dialog } = await scene();
    await open(dialog);
    expect(part(dialog, 'footer').hidden).to.equal(false);
    const bare = await fixture<KioskDialog>(html`<ck-dialog open heading="提示"><p>内容</p></ck-dialog>`);
    expect(part(bare, 'footer').hidden).to.equal(true);
  });

  it('has a fallback accessible name without a heading', async () => {
    const el = await fixture<KioskDialog>(html`<ck-dialog open><p>内容</p></ck-dialog>`);
    const native = part<HTMLDialogElement>(el, 'dialog');
    expect(native.getAttribute('aria-label')).to.equal('对话框');
    expect(el.shadowRoot!.querySelector('h2')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('stops listening for idle once removed', async () => {
    const { dialog } = await scene();
    await open(dialog);
    dialog.remove();
    let events = 0;
    dialog.addEventListener(DIALOG_CLOSE_EVENT, () => events++);
    window.dispatchEvent(new CustomEvent(IDLE_EVENT));
    await dialog.updateComplete;
    expect(events).to.equal(0);
  });
});
