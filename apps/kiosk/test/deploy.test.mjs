// Issue 14 item 8: the files of deploy/ are sound (the watchdog itself: watchdog.e2e.mjs).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const deploy = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy');
const units = fs.readdirSync(path.join(deploy, 'systemd')).filter((f) => f.endsWith('.service'));

/** The keys of one [Section] of a unit file. */
function section(text, name) {
  const body = text.split(/^\[/m).find((s) => s.startsWith(`${name}]`)) ?? '';
  return Object.fromEntries(body.split('\n').filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('deploy/', () => {
  it('has the server, browser and watchdog units, each restarted whenever it stops', () => {
    assert.deepEqual(units.sort(), ['civic-kiosk-browser.service', 'civic-kiosk-server.service', 'civic-kiosk-watchdog.service']);
    for (const unit of units) {
      const service = section(fs.readFileSync(path.join(deploy, 'systemd', unit), 'utf8'), 'Service');
      assert.equal(service.Restart, 'always', `${unit} Restart=always`);
      assert.ok(service.ExecStart, `${unit} has ExecStart`);
    }
  });

  it('every file a unit runs from the checkout exists in the repository', () => {
    for (const unit of units) {
      const exec = section(fs.readFileSync(path.join(deploy, 'systemd', unit), 'utf8'), 'Service').ExecStart;
      for (const file of exec.match(/\/opt\/civic-kiosk\/\S+/g) ?? []) {
        const inRepo = path.join(deploy, '..', file.slice('/opt/civic-kiosk/'.length));
        // dist/ is built, not committed: its source must exist instead.
        const source = inRepo.replace(`${path.sep}dist${path.sep}`, `${path.sep}src${path.sep}`).replace(/\.js$/, '.ts');
        assert.ok(fs.existsSync(inRepo) || fs.existsSync(source), `${unit} runs ${file}`);
      }
    }
  });

  it('the unit files pass systemd-analyze verify (commands missing on a test machine aside)', (t) => {
    const probe = spawnSync('systemd-analyze', ['--version']);
    if (probe.error) return t.diagnostic('systemd-analyze is not installed here; checked by the structure tests only');
    for (const unit of units) {
      const result = spawnSync('systemd-analyze', ['verify', '--man=no', path.join(deploy, 'systemd', unit)], { encoding: 'utf8' });
      const problems = result.stderr.split('\n').filter((l) => l.trim() && !/is not executable: No such file or directory/.test(l));
      assert.deepEqual(problems, [], `${unit}: ${result.stderr}`);
    }
  });

  it('the shell scripts parse, and the browser script starts Chromium in kiosk mode with DevTools on loopback only', () => {
    for (const script of ['install.sh', 'kiosk-browser.sh']) execFileSync('sh', ['-n', path.join(deploy, script)]);
    const browser = fs.readFileSync(path.join(deploy, 'kiosk-browser.sh'), 'utf8');
    for (const flag of ['--kiosk', '--overscroll-history-navigation=0', '--disable-pinch', '--disable-session-crashed-bubble', '--remote-debugging-address=127.0.0.1']) {
      assert.ok(browser.includes(flag), flag);
    }
    assert.ok(fs.readFileSync(path.join(deploy, 'install.sh'), 'utf8').includes('fonts-noto-cjk'), 'the kiosk gets a CJK font');
  });
});
