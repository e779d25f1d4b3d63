// Issue 14 item 7: the staff fleet page (/ops) — sign in, see every kiosk with its heartbeat, rename, revoke.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoViolations, BASE, expectAccessible, kioskPage, LANDSCAPE, launch, pageText, waitForApp } from './helpers.mjs';

function cli(script, args, extraEnv = {}) {
  const file = path.join(path.dirname(process.env.KIOSK_SERVER_MAIN), `cli/${script}.js`);
  const env = { ...process.env, SQLITE_PATH: process.env.KIOSK_SQLITE_PATH, PUBLIC_URL: BASE, DATABASE_URL: '', ...extraEnv };
  return execFileSync(process.execPath, [file, ...args], { cwd: process.env.KIOSK_TMP, env, encoding: 'utf8' });
}

const PASSWORD = 'village hall fleet 2026';

describe('fleet page for staff (/ops)', () => {
  let browser;
  let kiosk;
  let ops;
  let deviceId;

  before(async () => {
    browser = await launch();
    cli('staff-add', ['--username', 'zhu.ops', '--name', '祝建国', '--role', 'site-admin', '--site', 'xikou-hall'], { STAFF_PASSWORD: PASSWORD });
    // A new kiosk at the village hall, enrolled and beating every 5 s.
    kiosk = await kioskPage(browser, { credential: null });
    await kiosk.page.goto(`${cli('devices', ['add', 'xikou-hall']).trim().split('\n').pop()}&heartbeat=5`);
    await waitForApp(kiosk.page, 'ready', 'home');
    const credential = await kiosk.page.evaluate(() => localStorage.getItem('ck-kiosk-credential'));
    deviceId = credential.slice(4, credential.lastIndexOf('.'));
    ops = await kioskPage(browser, { viewport: LANDSCAPE, credential: null });
  });
  after(async () => {
    await browser?.close();
  });

  it('refuses a wrong password with the server\'s reason, then signs in', async () => {
    const { page } = ops;
    await page.goto(`${BASE}/ops`);
    await page.locator('ck-ops-app input[name="username"]').fill('zhu.ops');
    await page.locator('ck-ops-app input[name="password"]').fill('not the password');
    await page.locator('ck-ops-app input[name="password"]').press('Enter');
    await page.locator('ck-ops-app [role="alert"]').waitFor();
    assert.ok((await page.locator('ck-ops-app [role="alert"]').innerText()).length > 4, 'a reason is shown');
    await expectAccessible(page, 'ops sign-in');
    await page.locator('ck-ops-app input[name="password"]').fill(PASSWORD);
    await page.locator('ck-ops-app input[name="password"]').press('Enter');
    await page.locator(`ck-ops-app tr[data-device="${deviceId}"]`).waitFor({ timeout: 15_000 });
  });

  it('lists the site\'s kiosks only, the new one running with its version', async () => {
    const { page } = ops;
    const row = page.locator(`ck-ops-app tr[data-device="${deviceId}"]`);
    assert.equal(await row.getAttribute('data-state'), 'ok');
    assert.match(await row.innerText(), /运行中/);
    const text = await pageText(page);
    assert.ok(text.includes('xikou-hall') && !text.includes('ningde-donghu'), 'a site administrator sees their own site');
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'the staff token is kept in memory only');
    await expectAccessible(page, 'ops fleet');
  });

  it('renames the kiosk', async () => {
    const { page } = ops;
    const row = page.locator(`ck-ops-app tr[data-device="${deviceId}"]`);
    await row.locator('ck-button', { hasText: '改名' }).click();
    await row.locator('input[name="label"]').fill('大厅入口左侧');
    await row.locator('input[name="label"]').press('Enter');
    await page.waitForFunction((id) => document.querySelector('ck-ops-app').shadowRoot.querySelector(`tr[data-device="${id}"] th`)?.textContent.includes('大厅入口左侧'), deviceId);
  });

  it('revokes it after a confirmation: the kiosk then says it was revoked', async () => {
    const { page } = ops;
    const row = page.locator(`ck-ops-app tr[data-device="${deviceId}"]`);
    await row.locator('ck-button', { hasText: '停用' }).click();
    await page.locator('ck-ops-app ck-dialog [data-confirm]').click();
    await page.waitForFunction((id) => document.querySelector('ck-ops-app').shadowRoot.querySelector(`tr[data-device="${id}"]`)?.dataset.state === 'revoked', deviceId);
    await kiosk.page.reload();
    await waitForApp(kiosk.page, 'out-of-service');
    assert.ok((await pageText(kiosk.page)).includes('已被撤销'));
    assertNoViolations(ops);
  });

  it('signs out: the fleet is gone from the page', async () => {
    const { page } = ops;
    await page.locator('ck-ops-app header ck-button').click();
    await page.locator('ck-ops-app input[name="username"]').waitFor();
    assert.equal(await page.locator('ck-ops-app table').count(), 0);
  });
});
