import { ApiError, formatDate, HttpClient, KioskElement, PersonalDataController, setLocale } from '@civic-kiosk/core';
import { msg, str } from '@lit/localize';
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ageOf, parseFleet, sortFleet, type FleetDevice, type FleetState } from './fleet-view.js';

const REFRESH_MS = 30_000;

/**
 * @summary The fleet page for staff (`/ops`, issue 14 item 7): every kiosk
 * they manage with its last heartbeat, stale ones first and marked; rename and
 * revoke. Staff sign in with their own account; the token lives in memory only.
 */
export class OpsApp extends KioskElement {
  static override styles = [
    KioskElement.styles,
    css`
      :host {
        display: block;
        max-width: 90rem;
        margin: 0 auto;
        padding: var(--ck-space-4);
      }
      header {
        display: flex;
        align-items: center;
        gap: var(--ck-space-4);
        flex-wrap: wrap;
        margin-bottom: var(--ck-space-4);
      }
      h1 {
        flex: 1;
        margin: 0;
        font-size: var(--ck-font-size-title);
      }
      form {
        display: grid;
        gap: var(--ck-space-3);
        max-width: 28rem;
      }
      label {
        display: grid;
        gap: var(--ck-space-1);
        font-weight: 600;
      }
      input {
        font: inherit;
        min-height: var(--ck-touch-target);
        padding: 0 var(--ck-space-3);
        border: 2px solid var(--ck-color-border);
        border-radius: var(--ck-radius);
      }
      .error {
        color: var(--ck-color-danger, #b3261e);
        font-weight: 600;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        text-align: start;
        vertical-align: top;
        padding: var(--ck-space-2) var(--ck-space-3);
        border-bottom: 1px solid var(--ck-color-border);
      }
      tr[data-state='stale'] td,
      tr[data-state='offline'] td {
        background: color-mix(in srgb, var(--ck-color-warning, #b45309) 12%, transparent);
      }
      thead th,
      .state {
        white-space: nowrap;
      }
      .state {
        display: inline-block;
        padding: 0 var(--ck-space-2);
        border-radius: 999px;
        font-weight: 700;
        border: 2px solid currentColor;
      }
      .state[data-state='stale'],
      .state[data-state='offline'] {
        color: var(--ck-color-warning, #b45309);
      }
      .state[data-state='revoked'] {
        color: var(--ck-color-text-muted);
      }
      .muted {
        color: var(--ck-color-text-muted);
      }
      .actions {
        display: flex;
        gap: var(--ck-space-2);
        flex-wrap: wrap;
      }
      .rename {
        display: flex;
        gap: var(--ck-space-2);
      }
      /* Native submit buttons, so Enter in a field submits its form. */
      .submit {
        font: inherit;
        font-weight: 700;
        min-height: var(--ck-touch-target);
        padding: 0 var(--ck-space-4);
        border: none;
        border-radius: var(--ck-radius);
        background: var(--ck-color-accent);
        color: var(--ck-color-on-accent);
        cursor: pointer;
      }
      .submit:disabled {
        opacity: 0.6;
      }
    `,
  ];

  /** The staff session: held by core's personal-data controller, so it goes on page hide and when the page leaves. */
  readonly #session = new PersonalDataController<{ token: string; staffName: string; fleet: FleetDevice[] }>(this, {
    empty: { token: '', staffName: '', fleet: [] },
    onWipe: () => clearInterval(this.#timer),
  });
  @state() private accessor problem = '';
  @state() private accessor busy = false;
  @state() private accessor renaming: string | undefined;
  @state() private accessor revoking: FleetDevice | undefined;
  @state() private accessor now = Date.now();
  readonly #client = new HttpClient({ baseUrl: '/api', cache: false });
  #timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh-CN';
    void setLocale(lang).then((active) => {
      document.documentElement.lang = active;
      this.requestUpdate();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  get #staff(): HttpClient {
    return this.#client.with({ headers: { Authorization: `Bearer ${this.#session.value.token}` } });
  }

  #reasonOf(error: unknown): string {
    if (error instanceof ApiError) return error.reason;
    return msg('The server cannot be reached. Check the network and try again.');
  }

  async #signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.problem = '';
    try {
      const answer = await this.#client.post<{ token: string; staff: { name: string } }>('/staff/signin', { username: field(data, 'username'), password: field(data, 'password') });
      form.reset();
      this.#session.value = { token: answer.token, staffName: answer.staff.name, fleet: [] };
      await this.#load();
      this.#timer = setInterval(() => void this.#load(), REFRESH_MS);
    } catch (error) {
      this.problem = this.#reasonOf(error);
    } finally {
      this.busy = false;
    }
  }

  async #load(): Promise<void> {
    try {
      const fleet = parseFleet(await this.#staff.get<unknown>('/staff/devices', { cache: 'no-store' }));
      if (!fleet) {
        this.problem = msg('The server answered in a form this page does not know. Update the kiosk software.');
        return;
      }
      this.#session.value = { ...this.#session.value, fleet: sortFleet(fleet) };
      this.now = Date.now();
      this.problem = '';
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.#session.wipe('sign-out');
      this.problem = this.#reasonOf(error);
    }
  }

  async #rename(event: SubmitEvent, device: FleetDevice): Promise<void> {
    event.preventDefault();
    const label = field(new FormData(event.target as HTMLFormElement), 'label');
    try {
      await this.#staff.request('/staff/devices/' + encodeURIComponent(device.deviceId), { method: 'PUT', body: { label } });
      this.renaming = undefined;
      await this.#load();
    } catch (error) {
      this.problem = this.#reasonOf(error);
    }
  }

  async #revoke(device: FleetDevice): Promise<void> {
    this.revoking = undefined;
    try {
      await this.#staff.post(`/staff/devices/${encodeURIComponent(device.deviceId)}/revoke`, {});
      await this.#load();
    } catch (error) {
      this.problem = this.#reasonOf(error);
    }
  }

  async #signOut(): Promise<void> {
    try {
      await this.#staff.post('/staff/signout', {});
    } catch {
      // The token is dropped below whatever the server says; it expires on its own.
    }
    this.#session.wipe('sign-out');
  }

  #stateLabel(s: FleetState): string {
    switch (s) {
      case 'ok':
        return msg('Running');
      case 'offline':
        return msg('Offline');
      case 'stale':
        return msg('Not heard from');
      case 'silent':
        return msg('Never reported');
      default:
        return msg('Revoked');
    }
  }

  #ago(iso: string | null | undefined): string {
    const age = ageOf(iso, this.now);
    if (!age) return '—';
    const n = age.value;
    switch (age.unit) {
      case 'second':
        return msg(str`${n} s ago`);
      case 'minute':
        return msg(str`${n} min ago`);
      case 'hour':
        return msg(str`${n} h ago`);
      default:
        return msg(str`${n} days ago`);
    }
  }

  override render() {
    return html`<header>
        <h1>${msg('Kiosk fleet')}</h1>
        ${this.#session.held
          ? html`<span>${this.#session.value.staffName}</span><ck-button variant="secondary" @click=${() => void this.#signOut()}>${msg('Sign out')}</ck-button>`
          : nothing}
      </header>
      <main>
        ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
        ${this.#session.held ? this.#renderFleet() : this.#renderSignIn()}
      </main>
      ${this.#renderRevokeDialog()}`;
  }

  #renderSignIn() {
    return html`<form @submit=${(e: SubmitEvent) => void this.#signIn(e)}>
      <p>${msg('Staff sign-in. Your account shows the kiosks of the sites you manage.')}</p>
      <label>${msg('Username')}<input name="username" autocomplete="username" required /></label>
      <label>${msg('Password')}<input name="password" type="password" autocomplete="current-password" required /></label>
      <button class="submit" type="submit" ?disabled=${this.busy}>${msg('Sign in')}</button>
    </form>`;
  }

  #renderFleet() {
    const { fleet } = this.#session.value;
    const attention = fleet.filter((d) => d.state === 'stale' || d.state === 'offline').length;
    return html`<p>${msg(str`${fleet.length} kiosks, ${attention} need attention. Updated every 30 s.`)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">${msg('Kiosk')}</th>
            <th scope="col">${msg('Site')}</th>
            <th scope="col">${msg('State')}</th>
            <th scope="col">${msg('Last heartbeat')}</th>
            <th scope="col">${msg('Version and uptime')}</th>
            <th scope="col">${msg('Queued writes')}</th>
            <th scope="col">${msg('Last error')}</th>
            <th scope="col"><span class="visually-hidden">${msg('Actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${fleet.map((d) => this.#renderDevice(d))}
        </tbody>
      </table>`;
  }

  #renderDevice(d: FleetDevice) {
    const beat = d.heartbeat;
    return html`<tr data-device=${d.deviceId} data-state=${d.state}>
      <th scope="row">
        ${this.renaming === d.deviceId
          ? html`<form class="rename" @submit=${(e: SubmitEvent) => void this.#rename(e, d)}>
              <input name="label" aria-label=${msg('New name')} .value=${d.label ?? ''} maxlength="60" required />
              <button class="submit" type="submit">${msg('Save')}</button>
            </form>`
          : html`${d.label ?? d.deviceId}<br /><span class="muted">${d.deviceId}</span>`}
      </th>
      <td>${d.siteId}</td>
      <td><span class="state" data-state=${d.state}>${this.#stateLabel(d.state)}</span></td>
      <td>${this.#ago(beat?.receivedAt)}</td>
      <td>${beat ? html`${beat.version}<br /><span class="muted">${msg(str`up ${Math.round(beat.uptimeSeconds / 3600)} h`)}</span>` : '—'}</td>
      <!-- Writes waiting on a kiosk (returns scanned offline) are data not yet at the library: in bold when there are any. -->
      <td data-queued=${beat?.queuedWrites ?? nothing}>${beat?.queuedWrites ? html`<strong>${beat.queuedWrites}</strong>` : (beat?.queuedWrites ?? '—')}</td>
      <td>${beat?.lastError ? html`${beat.lastError}<br /><span class="muted">${beat.lastErrorAt ? formatDate(beat.lastErrorAt, { dateStyle: 'short', timeStyle: 'short' }) : ''}</span>` : '—'}</td>
      <td>
        ${d.state === 'revoked'
          ? nothing
          : html`<div class="actions">
              <ck-button variant="secondary" @click=${() => (this.renaming = d.deviceId)}>${msg('Rename')}</ck-button>
              <ck-button variant="danger" @click=${() => (this.revoking = d)}>${msg('Revoke')}</ck-button>
            </div>`}
      </td>
    </tr>`;
  }

  #renderRevokeDialog() {
    const d = this.revoking;
    return html`<ck-dialog heading=${msg('Revoke this kiosk?')} .open=${d !== undefined} @ck-dialog-close=${() => (this.revoking = undefined)}>
      <p>${d ? msg(str`${d.label ?? d.deviceId} stops working at once and shows "revoked". To use it again, enroll it with a new link.`) : ''}</p>
      <ck-button slot="footer" variant="secondary" @click=${() => (this.revoking = undefined)}>${msg('Cancel')}</ck-button>
      <ck-button slot="footer" variant="danger" data-confirm @click=${() => d && void this.#revoke(d)}>${msg('Revoke')}</ck-button>
    </ck-dialog>`;
  }
}

/** A text field of a submitted form ('' when absent). */
function field(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

declare global {
  interface HTMLElementTagNameMap {
    'ck-ops-app': OpsApp;
  }
}
