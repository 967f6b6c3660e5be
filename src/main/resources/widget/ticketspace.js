/*! Ticketspace reference messenger widget.
 * Ticketspace.boot({apiBase, workspaceId, token, container?}); token: a string or an async function returning one.
 * Renders in an open shadow root; stable hooks: data-ts-launcher, data-ts-space, data-ts-badge, data-ts-card,
 * data-ts-ticket, data-ts-action, data-ts-conversation, data-ts-submit-ticket, data-ts-ticket-type,
 * data-ts-ticket-form. */
(() => {
  'use strict';

  const SPACE_NAMES = {home: 'Home', messages: 'Messages', tickets: 'Tickets'};
  const ACTION_NAMES = {
    send_message: 'Send a message',
    continue_conversation: 'Continue the conversation',
    view_conversation: 'View the conversation'
  };
  const CONVERSATION_STATES = {open: 'Open', snoozed: 'Snoozed', closed: 'Closed'};
  const LIST_LIMIT = 50;
  const FIRST_RETRY_MS = 500;
  const MAX_RETRY_MS = 30000;
  const STABLE_STREAM_MS = 10000;
  // A token function is asked again this long before the token's exp.
  const TOKEN_MARGIN_MS = 30000;
  // The longest values POST /api/v1/messenger/tickets takes: the title, and text and textarea fields.
  const MAX_LENGTHS = {title: 255, text: 1000, textarea: 10000};

  const STYLE = `
:host{all:initial;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color-scheme:light dark;
--bg:#fff;--fg:#1d2330;--muted:#5b6475;--line:#e3e6ec;--soft:#f5f7fa;--accent:#2f5bea;--on-accent:#fff;--alert:#d42c1f;--focus:#f5a400}
@media (prefers-color-scheme:dark){:host{--bg:#1b1f27;--fg:#e8ebf1;--muted:#a5aebd;--line:#343b48;--soft:#232934;
--accent:#86a2ff;--on-accent:#0b1020;--alert:#ff6f61}}
*{box-sizing:border-box}
[hidden]{display:none!important}
button{font:inherit;color:inherit;cursor:pointer}
button:focus-visible,.view:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border:0;border-radius:50%;
background:var(--accent);color:var(--on-accent);box-shadow:0 4px 14px #0004;z-index:2147483000}
.launcher svg{width:26px;height:26px;vertical-align:middle}
.launcher .badge{position:absolute;top:-3px;right:-3px}
.panel{position:fixed;right:20px;bottom:88px;width:min(360px,calc(100vw - 40px));height:min(540px,calc(100vh - 110px));
display:flex;flex-direction:column;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:14px;
box-shadow:0 12px 40px #0004;overflow:hidden;z-index:2147483000}
.inline .launcher,.inline .panel{position:relative;right:auto;bottom:auto}
.inline .panel{margin-top:12px;height:480px}
header{display:flex;align-items:center;justify-content:space-between;padding:14px 16px;background:var(--accent);color:var(--on-accent)}
h2{margin:0;font-size:16px}
h3{margin:0 0 8px;font-size:14px}
.close{background:none;border:0;font-size:22px;line-height:1;padding:0 4px}
.view{flex:1;overflow:auto;padding:14px 16px}
.tabs{display:flex;border-top:1px solid var(--line)}
.tab{flex:1;padding:10px 4px;border:0;border-top:2px solid transparent;background:none;color:var(--muted)}
.tab[aria-selected=true]{color:var(--accent);border-top-color:var(--accent);font-weight:600}
.badge{display:inline-block;min-width:18px;height:18px;margin-left:4px;padding:0 5px;border-radius:9px;
background:var(--alert);color:#fff;font-size:11px;font-weight:700;line-height:18px;text-align:center}
.card{border:1px solid var(--line);border-radius:10px;padding:12px;background:var(--soft);margin-top:12px}
ul{list-style:none;margin:0;padding:0}
.item{padding:10px 0;border-bottom:1px solid var(--line)}
.item:last-child{border-bottom:0}
.title{font-weight:600}
.meta{color:var(--muted);font-size:12px;margin:2px 0 6px}
.pill{display:inline-block;padding:1px 8px;border-radius:9px;background:var(--line);color:var(--fg);font-size:11px}
.dot{display:inline-block;width:8px;height:8px;margin-left:6px;border-radius:50%;background:var(--alert)}
.primary{margin:4px 0 12px;border:0;border-radius:8px;padding:7px 14px;background:var(--accent);color:var(--on-accent);font-weight:600}
.primary[aria-disabled=true]{opacity:.6;cursor:progress}
label{display:block;margin:12px 0 4px;font-weight:600}
input,select,textarea{display:block;width:100%;padding:6px 8px;border:1px solid var(--muted);border-radius:8px;font:inherit;color:var(--fg);background:var(--bg)}
textarea{resize:vertical}
[aria-invalid=true]{border-color:var(--alert)}
.error{margin:4px 0 0;font-size:12px}
.notice{margin:0;padding:8px 16px;background:var(--soft);border-bottom:1px solid var(--line)}
.action,.back{font-size:13px;border:1px solid var(--accent);border-radius:8px;padding:4px 10px;background:none;color:var(--accent)}
.entry{display:block;width:100%;padding:0;border:0;background:none;text-align:left}
.muted{color:var(--muted)}
.alert{color:var(--alert)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

  const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>';

  /** An element with attributes (on* are listeners; null, undefined and false are left out) and children. */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    element.append(...children.flat(Infinity).filter(child => child !== null && child !== undefined && child !== false));
    return element;
  }

  function badge(count) {
    return h('span', {class: 'badge', 'data-ts-badge': '', hidden: !count, 'aria-hidden': 'true'}, String(count));
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'}) : '';
  }

  /** The token's exp in ms, or Infinity when it cannot be read (the API then says 401 when it has expired). */
  function expiry(token) {
    try {
      const exp = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).exp;
      return typeof exp === 'number' ? exp * 1000 : Infinity;
    } catch (e) {
      return Infinity;
    }
  }

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || 'HTTP ' + status);
      this.status = status;
      this.code = body && body.code;
    }
  }

  /** A random Idempotency-Key (crypto.randomUUID needs a secure context, which a shop page may not be). */
  function randomKey() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
  }

  /**
   * The form of a ticket type: its title and fields, checked as the service checks them. It is built once
   * and kept while open (and as a draft when left), so re-renders never touch what the customer typed.
   */
  class TicketForm {
    constructor(type, submit, back) {
      this.type = type;
      this.definition = JSON.stringify(type);
      this.key = randomKey();
      this.busy = false;
      this.controls = [{id: 'title', label: 'Title', type: 'text', required: true}, ...type.fields]
        .map((field, i) => this.control(field, i));
      this.alert = h('p', {class: 'alert', id: 'ts-form-alert', role: 'alert', hidden: true});
      this.button = h('button', {type: 'submit', class: 'primary'}, 'Submit ticket');
      this.element = h('form', {'data-ts-ticket-form': type.id, 'aria-labelledby': 'ts-form-title', novalidate: true,
          onsubmit: e => {
            e.preventDefault();
            submit(this);
          }},
        back, h('h3', {id: 'ts-form-title', style: 'margin-top:12px'}, type.name),
        h('p', {class: 'meta'}, 'Fields marked * are required.'),
        this.controls.map(c => [c.labelElement, c.input, c.error]), this.alert, this.button);
    }

    /** The title (index 0, sent as {title}) or a field (sent in {fields}), with its label and error. */
    control(field, index) {
      const id = 'ts-field-' + index;
      const attributes = {id, name: index ? 'fields.' + field.id : 'title', required: field.required,
        oninput: () => control.error.hidden || this.check(control)};
      const input = field.type === 'textarea' ? h('textarea', {...attributes, rows: 4})
        : field.type === 'select' ? h('select', attributes, h('option', {value: ''}, 'Choose…'),
          field.options.map(option => h('option', {}, option)))
        : h('input', {...attributes, type: field.type === 'number' ? 'number' : 'text', step: field.type === 'number' && 'any'});
      const control = {field, path: attributes.name, input,
        max: index ? MAX_LENGTHS[field.type] : MAX_LENGTHS.title,
        labelElement: h('label', {for: id}, field.label, field.required && h('span', {'aria-hidden': 'true'}, ' *')),
        error: h('p', {class: 'alert error', id: id + '-error', hidden: true})};
      return control;
    }

    /** The first problem with the control's value, as the service would find it, or ''. */
    problem({field, input, max}) {
      const value = input.value;
      if (input.validity.badInput) return 'Enter a number.';
      if (!value.trim()) return field.required ? 'This field is required.' : '';
      if (max && value.length > max) return 'At most ' + max + ' characters.';
      return '';
    }

    /** Shows the control's problem next to it (or clears it); true when there is none. */
    check(control) {
      const problem = this.problem(control);
      control.error.textContent = problem;
      control.error.hidden = !problem;
      this.mark(control, problem && control.error.id);
      return !problem;
    }

    mark(control, describedBy) {
      control.input.setAttribute('aria-invalid', String(!!describedBy));
      if (describedBy) control.input.setAttribute('aria-describedby', describedBy);
      else control.input.removeAttribute('aria-describedby');
    }

    /** Checks every control; focuses the first at fault. */
    valid() {
      this.alert.hidden = true;
      const wrong = this.controls.filter(control => !this.check(control));
      if (wrong.length) wrong[0].input.focus();
      return !wrong.length;
    }

    /** The body of POST /api/v1/messenger/tickets: blank optional fields are left out, numbers sent as numbers. */
    request() {
      const [title, ...fields] = this.controls;
      const values = {};
      for (const {field, input} of fields) {
        if (input.value.trim()) values[field.id] = field.type === 'number' ? Number(input.value) : input.value;
      }
      return {typeId: this.type.id, title: title.input.value.trim(), fields: values};
    }

    setBusy(busy) {
      this.busy = busy;
      this.element.setAttribute('aria-busy', String(busy));
      this.button.setAttribute('aria-disabled', String(busy));
      this.button.textContent = busy ? 'Submitting…' : 'Submit ticket';
    }

    /** The service's refusal, next to the form; a field it names ("fields.steps: ...") is marked. */
    refused(message) {
      const named = this.controls.find(control => message.startsWith(control.path + ': '));
      this.alert.textContent = named ? named.field.label + message.slice(named.path.length) : message;
      this.alert.hidden = false;
      if (named) this.mark(named, this.alert.id);
    }
  }

  class Messenger {
    constructor({apiBase, workspaceId, token, container}) {
      if (!apiBase || !workspaceId || !token) {
        throw new TypeError('Ticketspace.boot needs apiBase, workspaceId and token');
      }
      this.apiBase = String(apiBase).replace(/\/+$/, '');
      this.workspaceId = workspaceId;
      this.tokenSource = token;
      this.token = typeof token === 'string' ? token : null;
      this.state = null;
      this.space = 'home';
      this.conversationId = null;
      this.lists = {messages: null, tickets: null};
      this.types = [];
      // Submission: choosing among several types, the open form, the forms left (by type id).
      this.choosing = false;
      this.form = null;
      this.drafts = {};
      this.error = null;
      this.retries = 0;
      this.stopped = false;

      this.host = h('div', {'data-ts-messenger': '', class: container ? 'inline' : null});
      (container || document.body).append(this.host);
      const root = this.host.attachShadow({mode: 'open'});
      this.launcherBadge = badge(0);
      this.launcher = h('button', {class: 'launcher', 'data-ts-launcher': '', 'aria-expanded': 'false',
        'aria-controls': 'ts-panel', 'aria-label': 'Open support messenger', onclick: () => this.toggle()});
      this.launcher.innerHTML = ICON;
      this.launcher.append(this.launcherBadge);
      this.view = h('div', {class: 'view', id: 'ts-view', role: 'tabpanel', tabindex: '-1', onkeydown: e => {
        if (e.key === 'Escape' && (this.form || this.choosing)) {
          e.stopPropagation();
          this.back();
        }
      }});
      this.notice = h('p', {class: 'notice', role: 'status', hidden: true});
      this.tabs = h('div', {class: 'tabs', role: 'tablist', 'aria-label': 'Messenger spaces', onkeydown: e => this.tabKey(e)});
      this.status = h('p', {class: 'sr', role: 'status', 'aria-live': 'polite'});
      this.panel = h('div', {class: 'panel', id: 'ts-panel', role: 'dialog', 'aria-labelledby': 'ts-title', hidden: true,
          onkeydown: e => e.key === 'Escape' && this.toggle(false)},
        h('header', {}, h('h2', {id: 'ts-title'}, 'Support'),
          h('button', {class: 'close', 'aria-label': 'Close messenger', onclick: () => this.toggle(false)}, '×')),
        this.notice, this.view, this.tabs, this.status);
      root.append(h('style', {}, STYLE), this.launcher, this.panel);
      this.root = root;

      this.onPageHide = () => this.closeStream();
      this.onPageShow = e => e.persisted && this.connect();
      addEventListener('pagehide', this.onPageHide);
      addEventListener('pageshow', this.onPageShow);
      this.render();
      this.start();
    }

    async start() {
      try {
        // The types first, so that the first render offers submission or not for good.
        const [state] = await Promise.all([this.call('GET', '/api/v1/messenger'), this.loadTypes()]);
        this.apply(state);
      } catch (e) {
        this.fail(e);
      }
      this.connect();
    }

    // API

    /** {@code body} is sent as JSON; {@code headers} are added; {@code refused}: the token a 401 answered. */
    async call(method, path, {body, headers} = {}, refused) {
      const token = await this.currentToken(refused);
      const response = await fetch(this.apiBase + path, {method, cache: 'no-store', body: body && JSON.stringify(body),
        headers: {Authorization: 'Bearer ' + token, Accept: 'application/json',
          ...(body && {'Content-Type': 'application/json'}), ...headers}});
      if (response.status === 401 && !refused && typeof this.tokenSource === 'function') {
        return this.call(method, path, {body, headers}, token);
      }
      const answer = await response.json().catch(() => null);
      if (!response.ok) throw new ApiError(response.status, answer);
      return answer;
    }

    /** The ticket types offered; kept as they were when they cannot be read (an older service offers none). */
    async loadTypes() {
      try {
        const types = (await this.call('GET', '/api/v1/messenger/ticket-types')).ticketTypes;
        if (JSON.stringify(types) === JSON.stringify(this.types)) return;
        this.types = types;
        this.render();
      } catch (e) {
        // Nothing to add: the button shows only for types that were read.
      }
    }

    /** A token that is not the refused one (requests at once share one renewal). */
    currentToken(refused) {
      if (typeof this.tokenSource !== 'function') return this.tokenSource;
      if (this.token && this.token !== refused && expiry(this.token) - Date.now() > TOKEN_MARGIN_MS) return this.token;
      this.pendingToken = this.pendingToken || Promise.resolve(this.tokenSource())
        .then(token => (this.token = token))
        .finally(() => (this.pendingToken = null));
      return this.pendingToken;
    }

    // Live updates: a new single-use stream ticket for every connection. A new connection gets the current
    // state at once, so nothing missed while disconnected is lost.

    async connect() {
      if (this.stopped || this.source) return;
      try {
        const {ticket} = await this.call('POST', '/api/v1/messenger/stream-tickets');
        if (this.stopped || this.source) return;
        const source = new EventSource(this.apiBase + '/api/v1/messenger/stream?ticket=' + encodeURIComponent(ticket));
        this.source = source;
        const opened = Date.now();
        source.addEventListener('state', event => this.apply(JSON.parse(event.data)));
        // EventSource would reconnect by itself with the same, spent ticket. The backoff starts over only
        // after a connection that lasted, so that streams the server keeps closing (too many tabs of
        // one customer) are not reopened at once each time.
        source.onerror = () => {
          if (this.source === source) this.closeStream();
          if (Date.now() - opened > STABLE_STREAM_MS) this.retries = 0;
          this.reconnect();
        };
      } catch (e) {
        this.reconnect();
      }
    }

    reconnect() {
      if (this.stopped || this.retryTimer) return;
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.retries++) * (0.5 + Math.random() / 2);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.connect();
      }, delay);
    }

    closeStream() {
      if (this.source) this.source.close();
      this.source = null;
    }

    apply(state) {
      if (state.workspaceId !== this.workspaceId) {
        this.fail(new Error('the token is for another workspace than ' + this.workspaceId));
        return;
      }
      if (this.state && state.version <= this.state.version) return;
      this.state = state;
      this.error = null;
      if (this.space === 'tickets' && !this.visible('tickets')) this.space = 'home';
      this.render();
      this.refreshList();
    }

    fail(error) {
      this.error = error.status === 401
        ? 'Your session has expired. Reload the page to sign in again.'
        : 'The messenger is not available right now.';
      this.render();
    }

    /** Fetches the list the current view shows (the conversation view shows an entry of Messages). */
    async refreshList() {
      const which = this.conversationId ? 'messages' : this.space;
      if (which === 'home' || !this.state) return;
      const path = which === 'messages' ? '/api/v1/messenger/conversations' : '/api/v1/messenger/tickets';
      const version = this.state.version;
      try {
        const page = await this.call('GET', path + '?limit=' + LIST_LIMIT);
        if (version !== this.state.version && this.lists[which]) return; // a newer refresh is under way
        this.lists[which] = which === 'messages' ? page.conversations : page.tickets;
      } catch (e) {
        if (e.code !== 'tickets_space_hidden') this.fail(e);
      }
      this.render();
    }

    // Navigation

    toggle(open = this.panel.hidden) {
      this.panel.hidden = !open;
      this.launcher.setAttribute('aria-expanded', String(open));
      if (open) {
        this.refreshList();
        this.loadTypes();
        const tab = this.tabs.querySelector('[aria-selected=true]');
        (tab || this.view).focus();
      } else {
        this.launcher.focus();
      }
    }

    show(space) {
      this.space = space;
      this.conversationId = null;
      this.choosing = false;
      this.form = null;
      this.notice.hidden = true;
      this.render();
      this.refreshList();
    }

    async openConversation(id) {
      this.conversationId = id;
      this.notice.hidden = true;
      this.render();
      this.view.focus();
      try {
        this.apply(await this.call('POST', '/api/v1/messenger/conversations/' + encodeURIComponent(id) + '/read'));
      } catch (e) {
        this.fail(e);
      }
      this.refreshList();
    }

    /** "Submit a ticket": the form of the only type, or a choice among several. */
    compose() {
      if (this.types.length === 1) {
        this.openForm(this.types[0]);
        return;
      }
      this.choosing = true;
      this.render();
      this.root.querySelector('[data-ts-ticket-type]').focus();
    }

    /** The type's form, the draft left earlier when the type has not changed since. */
    openForm(type) {
      const draft = this.drafts[type.id];
      this.form = draft && draft.definition === JSON.stringify(type) ? draft
        : new TicketForm(type, form => this.submitTicket(form), this.backButton());
      this.drafts[type.id] = this.form;
      this.choosing = false;
      this.render();
      this.form.controls[0].input.focus();
    }

    /** Back to the space (a form is kept as a draft, and its button takes the focus). */
    back() {
      const fromForm = this.form || this.choosing;
      this.show(this.space);
      (fromForm && this.root.querySelector('[data-ts-submit-ticket]') || this.view).focus();
    }

    /**
     * Sends the form once it is valid. The new ticket is not added here: it comes with the stream's next
     * state, and takes the focus when it shows up.
     */
    async submitTicket(form) {
      if (form.busy || !form.valid()) return;
      form.setBusy(true);
      try {
        const ticket = await this.call('POST', '/api/v1/messenger/tickets',
          {body: form.request(), headers: {'Idempotency-Key': form.key}});
        delete this.drafts[form.type.id];
        this.focusTicket = ticket.id;
        if (this.form === form) {
          this.view.focus(); // first: the ticket may be listed already, and takes the focus from the view
          this.show(this.space);
        }
        this.notice.hidden = false;
        this.notice.textContent = 'Thank you: your ticket “' + ticket.title + '” was submitted.';
      } catch (e) {
        form.refused(e.status ? e.message : 'The ticket could not be sent. Check your connection and try again.');
      }
      form.setBusy(false);
    }

    async act(ticket) {
      if (ticket.conversationId) {
        this.openConversation(ticket.conversationId);
        return;
      }
      // No conversation yet: start one from Messages; looking at the ticket reads it.
      this.show('messages');
      try {
        this.apply(await this.call('POST', '/api/v1/messenger/tickets/' + encodeURIComponent(ticket.id) + '/read'));
      } catch (e) {
        this.fail(e);
      }
    }

    /** Arrow keys, Home and End move between tabs (the tab list is one stop for Tab). */
    tabKey(event) {
      const tabs = [...this.tabs.querySelectorAll('[role=tab]')];
      const at = tabs.indexOf(this.root.activeElement);
      const next = {ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1}[event.key];
      if (at < 0 || next === undefined) return;
      event.preventDefault();
      const tab = tabs[(next + tabs.length) % tabs.length];
      this.show(tab.dataset.tsSpace);
      this.tabs.querySelector('[data-ts-space="' + tab.dataset.tsSpace + '"]').focus();
    }

    visible(space) {
      return !!this.state && this.state.spaces.some(s => s.id === space && s.visible);
    }

    // Rendering: the tabs and the view are drawn anew on every change; focus stays on the same control.
    // An open form is kept as it is.

    render() {
      const focused = this.root && this.root.activeElement;
      const focusKey = focused && focused.dataset && focused.dataset.key;
      const spaces = this.state ? this.state.spaces.filter(s => s.visible) : [];
      const total = spaces.reduce((sum, s) => sum + s.badge, 0);
      this.launcherBadge.textContent = String(total);
      this.launcherBadge.hidden = !total;
      this.launcher.setAttribute('aria-label', 'Open support messenger' + (total ? ', ' + total + ' unread' : ''));
      this.status.textContent = total ? total + ' unread' : '';
      this.tabs.replaceChildren(...spaces.map(s => this.tab(s)));
      this.view.setAttribute('aria-labelledby', 'ts-tab-' + this.space);
      const content = this.content();
      if (content[0] !== this.view.firstChild) this.view.replaceChildren(...content.flat().filter(child => child));
      const again = focusKey && this.root.querySelector('[data-key="' + CSS.escape(focusKey) + '"]');
      if (again) again.focus();
      // A submitted ticket takes the focus when it shows up, unless the customer has moved it on.
      const submitted = this.focusTicket && this.root.querySelector('[data-key="action:' + CSS.escape(this.focusTicket) + '"]');
      if (submitted) {
        this.focusTicket = null;
        if (this.root.activeElement === this.view) submitted.focus();
      }
    }

    tab(space) {
      const label = SPACE_NAMES[space.id] || space.id;
      return h('button', {class: 'tab', role: 'tab', id: 'ts-tab-' + space.id, 'data-ts-space': space.id,
          'data-key': 'space:' + space.id, 'aria-selected': String(space.id === this.space), 'aria-controls': 'ts-view',
          tabindex: space.id === this.space ? '0' : '-1', 'aria-label': label + (space.badge ? ', ' + space.badge + ' unread' : ''),
          onclick: () => this.show(space.id)},
        label, badge(space.badge));
    }

    content() {
      if (this.error) return [h('p', {class: 'alert', role: 'alert'}, this.error)];
      if (!this.state) return [h('p', {class: 'muted'}, 'Loading…')];
      if (this.form) return [this.form.element];
      if (this.choosing) return this.chooser();
      if (this.conversationId) return this.conversation();
      if (this.space === 'messages') return this.messages();
      if (this.space === 'tickets') return this.tickets();
      return this.home();
    }

    home() {
      const card = this.state.home.cards.find(c => c.type === 'recent_tickets');
      return [
        h('h3', {}, 'Hi there, how can we help?'),
        h('p', {class: 'muted'}, 'Ask us anything, or follow up on a request below.'),
        this.submitButton(),
        card && h('section', {class: 'card', 'data-ts-card': 'recent_tickets', 'aria-labelledby': 'ts-recent'},
          h('h3', {id: 'ts-recent'}, 'Recent tickets'),
          h('ul', {}, card.tickets.map(t => this.ticket(t))))
      ];
    }

    tickets() {
      const list = this.lists.tickets;
      return [this.submitButton(), list ? [h('h3', {}, 'Your tickets'), h('ul', {'aria-label': 'Your tickets'},
        list.map(t => this.ticket(t)))] : h('p', {class: 'muted'}, 'Loading…')];
    }

    /** Only while the workspace offers a ticket type. */
    submitButton() {
      return this.types.length > 0 && h('button', {class: 'primary', 'data-ts-submit-ticket': '', 'data-key': 'submit-ticket',
        onclick: () => this.compose()}, 'Submit a ticket');
    }

    chooser() {
      return [this.backButton(), h('h3', {id: 'ts-choose', style: 'margin-top:12px'}, 'What is your ticket about?'),
        h('ul', {'aria-labelledby': 'ts-choose'}, this.types.map(type => h('li', {class: 'item'},
          h('button', {class: 'entry title', 'data-ts-ticket-type': type.id, 'data-key': 'type:' + type.id,
            onclick: () => this.openForm(type)}, type.name))))];
    }

    backButton() {
      return h('button', {class: 'back', 'data-key': 'back', type: 'button', onclick: () => this.back()}, '← Back');
    }

    ticket(ticket) {
      return h('li', {class: 'item', 'data-ts-ticket': ticket.id},
        h('div', {}, h('span', {class: 'title'}, ticket.title),
          ticket.unread && h('span', {class: 'dot', 'data-ts-unread': '', role: 'img', 'aria-label': 'unread'})),
        h('div', {class: 'meta'}, h('span', {class: 'pill'}, ticket.state.label), ' ', when(ticket.lastActivityAt)),
        h('button', {class: 'action', 'data-ts-action': ticket.action, 'data-key': 'action:' + ticket.id,
          'aria-label': (ACTION_NAMES[ticket.action] || ticket.action) + ': ' + ticket.title,
          onclick: () => this.act(ticket)}, ACTION_NAMES[ticket.action] || ticket.action));
    }

    messages() {
      const list = this.lists.messages;
      if (!list) return [h('p', {class: 'muted'}, 'Loading…')];
      if (!list.length) return [h('p', {class: 'muted'}, 'No conversations yet. Write to us and we will reply here.')];
      return [h('h3', {}, 'Messages'), h('ul', {'aria-label': 'Conversations'}, list.map(c => h('li', {class: 'item'},
        h('button', {class: 'entry', 'data-ts-conversation': c.id, 'data-key': 'conversation:' + c.id,
            onclick: () => this.openConversation(c.id)},
          h('span', {class: 'title'}, c.ticket ? c.ticket.title : 'Conversation'),
          c.unread && h('span', {class: 'dot', 'data-ts-unread': '', role: 'img', 'aria-label': 'unread'}),
          h('div', {class: 'meta'}, CONVERSATION_STATES[c.state] || c.state, ' ', when(c.lastMessageAt)),
          c.ticket && h('div', {class: 'meta', 'data-ts-ticket': c.ticket.id},
            'Ticket: ', h('span', {class: 'pill'}, c.ticket.state.label))))))];
    }

    conversation() {
      const id = this.conversationId;
      const entry = (this.lists.messages || []).find(c => c.id === id);
      const ticket = entry && entry.ticket;
      return [h('section', {'data-ts-conversation': id, 'aria-labelledby': 'ts-conversation'},
        this.backButton(),
        h('h3', {id: 'ts-conversation', style: 'margin-top:12px'}, ticket ? ticket.title : 'Conversation'),
        entry && h('p', {class: 'meta'}, CONVERSATION_STATES[entry.state] || entry.state,
          entry.lastMessageAt ? ' · last message ' + when(entry.lastMessageAt) : ''),
        ticket && h('p', {}, 'Ticket status: ', h('span', {class: 'pill'}, ticket.state.label)),
        h('p', {class: 'muted'}, 'You are up to date with this conversation.'))];
    }

    shutdown() {
      this.stopped = true;
      clearTimeout(this.retryTimer);
      this.closeStream();
      removeEventListener('pagehide', this.onPageHide);
      removeEventListener('pageshow', this.onPageShow);
      this.host.remove();
    }
  }

  window.Ticketspace = {
    /** Starts the messenger; returns a handle with open(), close() and shutdown(). */
    boot(options) {
      const messenger = new Messenger(options || {});
      return {
        open: () => messenger.toggle(true),
        close: () => messenger.toggle(false),
        shutdown: () => messenger.shutdown()
      };
    }
  };
})();
