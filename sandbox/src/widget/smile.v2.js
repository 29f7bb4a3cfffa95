/*!
 * smile.v2.js: the smile-sandbox stand-in for Smile's Wink widget.
 *
 * Same global and options as Smile's script: `new SmileLinkModal({userToken, ...}).open()`.
 * Screens: consent, provider list, login, MFA, success or error (plus revoke, upload and
 * session-expired). It talks to the emulator's Link API over fetch, so the server sees the
 * accounts it creates.
 *
 * The Link API base URL is `apiHost` when given (unless it names Smile's own hosts, which
 * this stand-in cannot reach), else the emulator's configured public URL, else
 * `link/v1` next to this script's own URL, so it works under any mount prefix.
 *
 * Plain ES5, no build step. No inline event-handler attributes and no inline style
 * attributes: everything is wired with addEventListener, styled by one injected sheet.
 */
(function (global) {
  'use strict';

  if (global.SmileLinkModal) {
    return;
  }

  var DEFAULT_LINK_HOST = /*@DEFAULT_LINK_HOST@*/ null;
  var SCRIPT = document.currentScript || (function () {
    var all = document.querySelectorAll('script[src*="smile.v2.js"]');
    return all.length ? all[all.length - 1] : null;
  })();
  var SCRIPT_SRC = SCRIPT && SCRIPT.src ? SCRIPT.src : null;
  var P = 'smile-sbx-';
  var STYLE_ID = P + 'style';
  var TITLE_ID = P + 'title';
  var SANDBOX_HINT = 'Emulator: use a sandbox persona, e.g. gpalomero1234@smileapi.io with password 123456.';

  var TYPE_LABELS = {
    GIG: 'Gig platforms',
    GOVERNMENT: 'Government',
    EMPLOYER: 'Employers',
    SYSTEM: 'Systems',
    CREDENTIAL: 'Credentials'
  };

  // What the upload screen takes; the Link API checks it again.
  var FILE_EXTENSIONS = /\.(pdf|png|jpe?g)$/i;

  // errorCode -> [heading, explanation]; `{p}` is the provider's name.
  var ERRORS = {
    INVALID_CREDENTIALS: ['Wrong login details', 'The email or mobile number and password do not match. Check them and try again.'],
    INVALID_MFA: ['Wrong verification code', 'The code you entered is not right. Try again with the latest code.'],
    MFA_TIMEOUT: ['Verification timed out', 'The code expired before it was entered. Start again to get a new one.'],
    ACCOUNT_LOCKED: ['Account locked', '{p} has locked this account. Unlock it with {p}, then try again.'],
    ACCOUNT_DISABLED: ['Account disabled', '{p} reports this account as disabled.'],
    ACCOUNT_INACCESSIBLE: ['Account not accessible', '{p} does not allow access to this account right now.'],
    ACCOUNT_INCOMPLETE: ['Account setup incomplete', 'Finish setting up your account with {p}, then try again.'],
    AUTH_REQUIRED: ['Login required', 'Enter your login details to continue.'],
    EXPIRED_CREDENTIALS: ['Password expired', 'Your {p} password has expired. Reset it with {p}, then try again.'],
    INVALID_ACCOUNT_TYPE: ['Account type not supported', 'This kind of {p} account cannot be linked.'],
    INVALID_AUTH: ['Could not log in', 'Something went wrong while logging in to {p}. Try again later.'],
    SERVICE_UNAVAILABLE: ['{p} is unavailable', '{p} is not responding right now. Try again later.'],
    SYSTEM_ERROR: ['Something went wrong', 'We could not link your account. Try again later.'],
    TOS_REQUIRED: ['Terms not accepted', 'Log in to {p} and accept its terms of service, then try again.'],
    UNSUPPORTED_AUTH_TYPE: ['Login method not supported', 'This way of logging in to {p} is not supported yet.'],
    UNSUPPORTED_MFA_METHOD: ['Verification method not supported', 'This way of verifying with {p} is not supported yet.']
  };

  var CSS = [
    '.P-lock{overflow:hidden}',
    '.P-overlay{position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483000;display:flex;align-items:center;justify-content:center;padding:16px;background:rgba(15,23,42,.6)}',
    '.P-overlay,.P-overlay *{box-sizing:border-box}',
    '.P-dialog{position:relative;display:flex;flex-direction:column;width:100%;max-width:420px;max-height:100%;overflow:auto;background:#fff;color:#1f2937;border-radius:14px;box-shadow:0 20px 50px rgba(0,0,0,.3);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left;letter-spacing:normal}',
    '@media (max-width:480px){.P-overlay{padding:0}.P-dialog{max-width:none;height:100%;border-radius:0}}',
    '.P-bar{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:8px 8px 0}',
    '.P-badge{font-size:12px;color:#6b21a8;background:#f3e8ff;border-radius:999px;padding:2px 10px}',
    '.P-icon{min-width:44px;min-height:44px;border:0;background:transparent;color:#374151;font-size:22px;line-height:1;border-radius:8px;cursor:pointer}',
    '.P-icon:hover{background:#f3f4f6}',
    '.P-main{padding:4px 24px 24px}',
    '.P-main h2{font-size:22px;line-height:1.3;margin:8px 0 12px;color:#111827}',
    '.P-main h3{font-size:15px;margin:16px 0 8px;color:#374151}',
    '.P-main p{margin:0 0 12px}',
    '.P-main ul{margin:0 0 16px;padding-left:20px}',
    '.P-muted{color:#4b5563;font-size:14px}',
    '.P-hint{font-size:13px;color:#4b5563;background:#f9fafb;border:1px solid #e5e7eb;border-radius:8px;padding:8px 10px;margin:12px 0}',
    '.P-field{display:block;margin:0 0 14px}',
    '.P-field span{display:block;font-weight:600;font-size:14px;margin-bottom:4px}',
    '.P-input{display:block;width:100%;min-height:44px;padding:10px 12px;border:1px solid #9ca3af;border-radius:8px;font:inherit;color:inherit;background:#fff}',
    '.P-btn{display:block;width:100%;min-height:48px;margin:8px 0 0;padding:10px 16px;border:0;border-radius:10px;background:#4f46e5;color:#fff;font:inherit;font-weight:600;cursor:pointer}',
    '.P-btn:hover{background:#4338ca}',
    '.P-btn[disabled]{opacity:.6;cursor:progress}',
    '.P-btn.P-secondary{background:#eef2ff;color:#3730a3}',
    '.P-btn.P-danger{background:#b91c1c}',
    '.P-link{min-height:44px;margin-top:8px;padding:8px 0;border:0;background:none;color:#4338ca;font:inherit;text-decoration:underline;cursor:pointer}',
    '.P-overlay :focus-visible{outline:3px solid #f59e0b;outline-offset:2px}',
    '.P-types{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 12px}',
    '.P-chip{min-height:36px;padding:4px 12px;border:1px solid #c7d2fe;border-radius:999px;background:#fff;color:#3730a3;font:inherit;font-size:14px;cursor:pointer}',
    '.P-chip[aria-pressed="true"]{background:#4f46e5;border-color:#4f46e5;color:#fff}',
    '.P-main .P-list{list-style:none;margin:0 0 8px;padding:0}',
    '.P-list li{margin:0 0 8px}',
    '.P-provider{display:flex;align-items:center;gap:12px;width:100%;min-height:56px;padding:8px 12px;border:1px solid #e5e7eb;border-radius:10px;background:#fff;color:inherit;font:inherit;text-align:left;cursor:pointer}',
    '.P-provider:hover{border-color:#a5b4fc;background:#f5f7ff}',
    '.P-avatar{display:inline-flex;flex:none;align-items:center;justify-content:center;width:36px;height:36px;border-radius:50%;background:#e0e7ff;color:#3730a3;font-weight:700}',
    '.P-name{display:block;font-weight:600}',
    '.P-sub{display:block;font-size:13px;color:#6b7280}',
    '.P-linked{display:flex;align-items:center;justify-content:space-between;gap:8px;padding:8px 12px;border:1px solid #bbf7d0;background:#f0fdf4;border-radius:10px}',
    '.P-small{min-height:36px;padding:4px 12px;border:1px solid #fca5a5;border-radius:8px;background:#fff;color:#b91c1c;font:inherit;font-size:14px;cursor:pointer}',
    '.P-error{color:#b91c1c;font-size:14px;min-height:1.5em;margin:0 0 8px}',
    '.P-status{font-size:14px;color:#166534;min-height:1.5em}',
    '.P-big{font-size:40px;line-height:1;margin:8px 0}'
  ].join('\n').replace(/\.P-/g, '.' + P);

  function injectStyle() {
    if (document.getElementById(STYLE_ID)) {
      return;
    }
    var style = document.createElement('style');
    style.id = STYLE_ID;
    style.textContent = CSS;
    (document.head || document.documentElement).appendChild(style);
  }

  /** Builds an element: `el('button', {class: 'btn', type: 'button'}, ['Text'])`. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    var key;
    for (key in attrs || {}) {
      if (Object.prototype.hasOwnProperty.call(attrs, key) && attrs[key] !== null && attrs[key] !== undefined && attrs[key] !== false) {
        if (key === 'class') {
          node.className = String(attrs[key]).split(' ').map(function (c) { return c ? P + c : c; }).join(' ');
        } else {
          node.setAttribute(key, attrs[key] === true ? '' : String(attrs[key]));
        }
      }
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function on(node, type, handler) {
    node.addEventListener(type, handler);
    return node;
  }

  function isSmileHost(url) {
    try {
      var host = new URL(url, global.location.href).hostname.toLowerCase();
      return host === 'smileapi.io' || /\.smileapi\.io$/.test(host);
    } catch (e) {
      return false;
    }
  }

  function linkHost(apiHost) {
    var base;
    if (typeof apiHost === 'string' && apiHost.trim() && !isSmileHost(apiHost)) {
      base = new URL(apiHost.trim(), global.location.href).href;
    } else if (DEFAULT_LINK_HOST) {
      base = DEFAULT_LINK_HOST;
    } else if (SCRIPT_SRC) {
      base = new URL('link/v1', SCRIPT_SRC).href;
    } else {
      base = new URL('link/v1', global.location.href).href;
    }
    return base.replace(/\/+$/, '');
  }

  function initials(name) {
    var words = String(name || '?').split(/\s+/).filter(Boolean);
    return (words[0] ? words[0].charAt(0) : '?') + (words[1] ? words[1].charAt(0) : '');
  }

  function bool(value, fallback) {
    return typeof value === 'boolean' ? value : fallback;
  }

  function list(value) {
    return Array.isArray(value) ? value.filter(function (v) { return typeof v === 'string' && v; }) : [];
  }

  function fill(text, providerName) {
    return text.replace(/\{p\}/g, providerName || 'The provider');
  }

  /**
   * `new SmileLinkModal(options)`: options and callbacks as in Smile's documentation.
   */
  function SmileLinkModal(options) {
    if (!(this instanceof SmileLinkModal)) {
      return new SmileLinkModal(options);
    }
    var o = options || {};
    this.options = o;
    this.config = {
      userToken: typeof o.userToken === 'string' ? o.userToken : '',
      templateId: typeof o.templateId === 'string' ? o.templateId : null,
      providers: list(o.providers),
      topProviders: list(o.topProviders).slice(0, 10),
      enableSearchBar: bool(o.enableSearchBar, true),
      enableTypeBar: bool(o.enableTypeBar, true),
      enableUpload: bool(o.enableUpload, false),
      enableConsentPage: bool(o.enableConsentPage, true),
      companyName: typeof o.companyName === 'string' ? o.companyName : ''
    };
    this.host = linkHost(o.apiHost);
    this.root = null;
  }

  var proto = SmileLinkModal.prototype;

  /** Opens the widget (a second call while it is open does nothing). */
  proto.open = function () {
    if (this.root) {
      return;
    }
    injectStyle();
    this.session = null;
    this.catalogue = [];
    this.expiredFired = false;
    this.busy = false;
    this.filter = { query: '', type: '' };
    this.returnFocus = document.activeElement;
    this.build();
    this.renderLoading();
    this.load();
  };

  // ----- shell: overlay, dialog, keyboard -----

  proto.build = function () {
    var self = this;
    this.backButton = on(el('button', { type: 'button', class: 'icon', 'aria-label': 'Back', hidden: true }, ['\u2190']), 'click', function () {
      if (self.back) {
        self.back();
      }
    });
    var closeButton = on(el('button', { type: 'button', class: 'icon', 'aria-label': 'Close' }, ['\u00d7']), 'click', function () {
      self.close('close');
    });
    this.main = el('div', { class: 'main' });
    this.dialog = el('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': TITLE_ID }, [
      el('div', { class: 'bar' }, [this.backButton, el('span', { class: 'badge' }, ['Sandbox emulator']), closeButton]),
      this.main
    ]);
    this.root = el('div', { class: 'overlay', 'data-smile-sandbox': 'widget', 'data-template-id': this.config.templateId }, [this.dialog]);
    this.onKeyDown = function (event) { self.keydown(event); };
    this.onFocusIn = function (event) {
      if (self.root && !self.dialog.contains(event.target)) {
        self.focusFirst();
      }
    };
    document.addEventListener('keydown', this.onKeyDown, true);
    document.addEventListener('focusin', this.onFocusIn, true);
    document.documentElement.classList.add(P + 'lock');
    document.body.appendChild(this.root);
  };

  proto.focusables = function () {
    var nodes = this.dialog.querySelectorAll('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])');
    return Array.prototype.filter.call(nodes, function (n) {
      return !n.disabled && !n.hidden && n.getClientRects().length > 0;
    });
  };

  proto.focusFirst = function () {
    var items = this.focusables();
    if (items.length) {
      items[0].focus();
    }
  };

  proto.keydown = function (event) {
    if (!this.root) {
      return;
    }
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.preventDefault();
      this.close('close');
      return;
    }
    if (event.key !== 'Tab') {
      return;
    }
    var items = this.focusables();
    if (!items.length) {
      event.preventDefault();
      return;
    }
    var first = items[0];
    var last = items[items.length - 1];
    var active = document.activeElement;
    if (event.shiftKey && (active === first || !this.dialog.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !this.dialog.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  proto.close = function (reason) {
    if (!this.root) {
      return;
    }
    document.removeEventListener('keydown', this.onKeyDown, true);
    document.removeEventListener('focusin', this.onFocusIn, true);
    document.documentElement.classList.remove(P + 'lock');
    if (this.root.parentNode) {
      this.root.parentNode.removeChild(this.root);
    }
    this.root = null;
    if (this.expiryTimer) {
      clearTimeout(this.expiryTimer);
      this.expiryTimer = null;
    }
    if (this.returnFocus && typeof this.returnFocus.focus === 'function') {
      try { this.returnFocus.focus(); } catch (e) { /* the element may be gone */ }
    }
    this.fire('onClose', { reason: reason });
  };

  // ----- callbacks -----

  proto.fire = function (name, arg) {
    var callback = this.options[name];
    if (typeof callback !== 'function') {
      return;
    }
    try {
      if (arguments.length > 1) {
        callback(arg);
      } else {
        callback();
      }
    } catch (error) {
      // The host page's bug must not break the widget; still report it.
      setTimeout(function () { throw error; }, 0);
    }
  };

  proto.userId = function () {
    return this.session ? this.session.userId : null;
  };

  proto.uiEvent = function (eventName, account, archive) {
    this.fire('onUIEvent', {
      eventName: eventName,
      eventTime: new Date().toISOString(),
      mode: (this.session && this.session.mode) || 'SANDBOX',
      userId: this.userId(),
      account: account || null,
      archive: archive || null
    });
  };

  proto.accountArg = function (account, providerId) {
    return {
      accountId: account ? account.id : null,
      userId: this.userId(),
      providerId: account ? account.providerId : providerId
    };
  };

  // ----- Link API -----

  proto.api = function (method, path, body) {
    var self = this;
    var init = {
      method: method,
      headers: { Authorization: 'Bearer ' + this.config.userToken, Accept: 'application/json' }
    };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(this.host + path, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (response.status === 401) {
          self.tokenExpired();
          var expired = new Error('The link token is invalid or has expired.');
          expired.expired = true;
          throw expired;
        }
        if (!response.ok) {
          var error = new Error(json.message || 'HTTP ' + response.status);
          error.status = response.status;
          error.code = json.code;
          throw error;
        }
        return json.data;
      });
    });
  };

  proto.load = function () {
    var self = this;
    if (!this.config.userToken) {
      this.tokenExpired();
      return;
    }
    // The emulator has no portal templates: `templateId` is passed along and echoed.
    var template = this.config.templateId ? '?templateId=' + encodeURIComponent(this.config.templateId) : '';
    Promise.all([this.api('GET', '/session' + template), this.api('GET', '/providers')]).then(function (results) {
      if (!self.root) {
        return;
      }
      self.session = results[0];
      self.catalogue = (results[1] && results[1].items) || [];
      self.watchExpiry();
      self.start();
    }, function (error) {
      if (self.root && !error.expired) {
        self.renderError('SYSTEM_ERROR', null, null);
      }
    });
  };

  /** Fires `onTokenExpired` when the token's `expiresAt` passes while the widget is open. */
  proto.watchExpiry = function () {
    var self = this;
    var at = Date.parse(this.session && this.session.expiresAt);
    if (isNaN(at)) {
      return;
    }
    var wait = Math.max(0, Math.min(at - Date.now() + 250, 2147483647));
    this.expiryTimer = setTimeout(function check() {
      if (!self.root || self.expiredFired) {
        return;
      }
      // Ask the emulator rather than trust this machine's clock.
      self.api('GET', '/session').then(function () {
        if (self.root) {
          self.expiryTimer = setTimeout(check, 5000);
        }
      }, function () { /* 401 already handled by api() */ });
    }, wait);
  };

  proto.tokenExpired = function () {
    if (this.expiredFired) {
      return;
    }
    this.expiredFired = true;
    this.fire('onTokenExpired');
    if (this.root) {
      this.renderExpired();
    }
  };

  // ----- navigation -----

  proto.providersShown = function () {
    var only = this.config.providers;
    var top = this.config.topProviders;
    var shown = this.catalogue.filter(function (p) {
      return p.enabled !== false && (only.length === 0 || only.indexOf(p.id) >= 0);
    });
    return shown.map(function (p, i) { return [p, i]; }).sort(function (a, b) {
      var ta = top.indexOf(a[0].id);
      var tb = top.indexOf(b[0].id);
      ta = ta < 0 ? top.length : ta;
      tb = tb < 0 ? top.length : tb;
      return ta - tb || a[1] - b[1];
    }).map(function (pair) { return pair[0]; });
  };

  proto.singleProvider = function () {
    if (this.config.providers.length !== 1) {
      return null;
    }
    var id = this.config.providers[0];
    return this.catalogue.filter(function (p) { return p.id === id; })[0] || null;
  };

  proto.start = function () {
    if (this.config.enableConsentPage) {
      this.renderConsent();
    } else {
      this.afterConsent();
    }
  };

  proto.afterConsent = function () {
    var single = this.singleProvider();
    if (single) {
      this.renderLogin(single);
    } else {
      this.renderList();
    }
  };

  proto.providerById = function (id) {
    return this.catalogue.filter(function (p) { return p.id === id; })[0] || { id: id, name: id };
  };

  // ----- rendering helpers -----

  proto.screen = function (title, nodes, back) {
    this.main.textContent = '';
    this.back = back || null;
    this.backButton.hidden = !back;
    var heading = el('h2', { id: TITLE_ID, tabindex: '-1' }, [title]);
    this.main.appendChild(heading);
    var main = this.main;
    nodes.forEach(function (node) {
      if (node) {
        main.appendChild(node);
      }
    });
    heading.focus();
    return heading;
  };

  proto.button = function (label, handler, kind, attrs) {
    var a = attrs || {};
    a.type = a.type || 'button';
    a.class = 'btn' + (kind ? ' ' + kind : '');
    return on(el('button', a, [label]), 'click', handler);
  };

  proto.field = function (label, attrs) {
    var input = el('input', attrs);
    input.className = P + 'input';
    return { input: input, node: el('label', { class: 'field' }, [el('span', null, [label]), input]) };
  };

  proto.setBusy = function (button, busy, busyLabel) {
    this.busy = busy;
    if (!button) {
      return;
    }
    if (busy) {
      button.dataset.label = button.textContent;
      button.textContent = busyLabel;
      button.disabled = true;
      button.setAttribute('aria-busy', 'true');
    } else {
      button.textContent = button.dataset.label || button.textContent;
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  };

  // ----- screens -----

  proto.renderLoading = function () {
    this.screen('Loading\u2026', [el('p', { class: 'muted', role: 'status' }, ['Connecting to Smile\u2026'])]);
  };

  proto.renderConsent = function () {
    var self = this;
    var company = this.config.companyName;
    this.screen(company ? company + ' uses Smile to verify your work' : 'Link your work accounts', [
      el('p', null, [
        'Smile will connect to the account you choose and share your identity, employment and income data with ' +
        (company || 'this service') + '.'
      ]),
      el('ul', null, [
        el('li', null, ['Your login details are never shared with ' + (company || 'this service') + '.']),
        el('li', null, ['You can disconnect an account at any time.'])
      ]),
      this.button('Continue', function () { self.afterConsent(); })
    ]);
    this.uiEvent('ConsentPageOpened');
  };

  proto.renderList = function (status) {
    var self = this;
    var nodes = [];
    var linked = ((this.session && this.session.accounts) || []).filter(function (a) {
      return a.connectionStatus === 'CONNECTED';
    });
    nodes.push(el('p', { class: 'status', role: 'status' }, [status || '']));
    if (linked.length) {
      nodes.push(el('h3', null, ['Linked accounts']));
      nodes.push(el('ul', { class: 'list' }, linked.map(function (account) {
        var provider = self.providerById(account.providerId);
        return el('li', null, [el('div', { class: 'linked' }, [
          el('span', null, [el('span', { class: 'name' }, [provider.name]), el('span', { class: 'sub' }, ['Connected'])]),
          on(el('button', { type: 'button', class: 'small', 'aria-label': 'Disconnect ' + provider.name }, ['Disconnect']), 'click', function () {
            self.renderRevoke(account);
          })
        ])]);
      })));
    }
    var results = el('ul', { class: 'list', 'aria-label': 'Providers' });
    if (this.config.enableSearchBar) {
      var search = this.field('Search providers', { type: 'search', autocomplete: 'off', value: this.filter.query });
      on(search.input, 'input', function () {
        self.filter.query = search.input.value;
        self.fillResults(results);
      });
      nodes.push(search.node);
    }
    if (this.config.enableTypeBar) {
      nodes.push(this.typeBar(results));
    }
    nodes.push(results);
    nodes.push(on(el('button', { type: 'button', class: 'link' }, ['Can\u2019t find your employer?']), 'click', function () {
      if (self.config.enableUpload) {
        self.renderFileTypes();
      } else {
        self.close('close');
      }
    }));
    this.screen('Select your provider', nodes);
    this.fillResults(results);
    this.uiEvent('ProviderListPageOpened');
  };

  proto.typeBar = function (results) {
    var self = this;
    var types = [];
    this.providersShown().forEach(function (p) {
      if (types.indexOf(p.type) < 0) {
        types.push(p.type);
      }
    });
    var bar = el('div', { class: 'types', role: 'group', 'aria-label': 'Provider type' });
    [''].concat(types).forEach(function (type) {
      var label = type ? (TYPE_LABELS[type] || type) : 'All';
      var chip = on(el('button', { type: 'button', class: 'chip', 'aria-pressed': String(self.filter.type === type), 'data-type': type }, [label]), 'click', function () {
        self.filter.type = type;
        Array.prototype.forEach.call(bar.children, function (c) {
          c.setAttribute('aria-pressed', String(c === chip));
        });
        self.fillResults(results);
      });
      bar.appendChild(chip);
    });
    return bar;
  };

  proto.fillResults = function (results) {
    var self = this;
    var query = this.filter.query.trim().toLowerCase();
    var type = this.filter.type;
    var shown = this.providersShown().filter(function (p) {
      var name = (p.name + ' ' + (p.longName || '')).toLowerCase();
      return (!query || name.indexOf(query) >= 0) && (!type || p.type === type);
    });
    results.textContent = '';
    if (!shown.length) {
      results.appendChild(el('li', { class: 'muted' }, ['No provider matches your search.']));
      return;
    }
    shown.forEach(function (p) {
      results.appendChild(el('li', null, [on(el('button', { type: 'button', class: 'provider', 'data-provider-id': p.id }, [
        el('span', { class: 'avatar', 'aria-hidden': 'true' }, [initials(p.name)]),
        el('span', null, [el('span', { class: 'name' }, [p.name]), el('span', { class: 'sub' }, [p.typeLabel || p.type])])
      ]), 'click', function () { self.renderLogin(p); })]));
    });
  };

  proto.renderLogin = function (provider) {
    var self = this;
    var company = this.config.companyName;
    var login = this.field('Email or mobile number', { type: 'text', name: 'username', autocomplete: 'username', inputmode: 'email', required: true });
    var password = this.field('Password', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
    var error = el('p', { class: 'error', role: 'alert' });
    var submit = el('button', { type: 'submit', class: 'btn' }, ['Connect']);
    var form = el('form', { novalidate: true }, [login.node, password.node, error, submit]);
    on(form, 'submit', function (event) {
      event.preventDefault();
      if (self.busy) {
        return;
      }
      if (!login.input.value.trim() || !password.input.value) {
        error.textContent = 'Enter your email or mobile number and your password.';
        (login.input.value.trim() ? password.input : login.input).focus();
        return;
      }
      error.textContent = '';
      self.link(provider, login.input.value.trim(), password.input.value, submit);
    });
    var back = this.singleProvider() ? null : function () { self.renderList(); };
    this.screen('Log in to ' + provider.name, [
      el('p', { class: 'muted' }, [company ? company + ' will receive your ' + provider.name + ' data through Smile.' : 'Your data is shared through Smile.']),
      form,
      el('p', { class: 'hint' }, [SANDBOX_HINT])
    ], back);
    login.input.focus();
    this.uiEvent('LoginPageOpened', { providerId: provider.id });
  };

  /** Creates the account (`onAccountCreated`), then sends the credentials. */
  proto.link = function (provider, loginName, password, submit) {
    var self = this;
    var account = null;
    this.setBusy(submit, true, 'Connecting\u2026');
    this.api('POST', '/accounts', { providerId: provider.id }).then(function (created) {
      account = created;
      self.fire('onAccountCreated', self.accountArg(account));
      return self.api('POST', '/accounts/' + encodeURIComponent(account.id) + '/login', { loginName: loginName, password: password });
    }).then(function (result) {
      self.setBusy(null, false);
      self.afterStep(provider, result);
    }, function (error) {
      self.failed(provider, account, error);
    });
  };

  proto.afterStep = function (provider, account) {
    if (!this.root) {
      return;
    }
    if (account.connectionStatus === 'AWAITING_MFA') {
      this.renderMfa(provider, account);
    } else if (account.connectionStatus === 'CONNECTED') {
      this.connected(provider, account);
    } else {
      var code = (account.connection && account.connection.errorCode) || 'SYSTEM_ERROR';
      this.fire('onAccountError', { accountId: account.id, userId: this.userId(), providerId: provider.id, errorCode: code });
      this.renderError(code, provider, account);
    }
  };

  /** A transport or server failure mid-link: reported as `SYSTEM_ERROR`. */
  proto.failed = function (provider, account, error) {
    this.busy = false;
    if (!this.root || error.expired) {
      return;
    }
    this.fire('onAccountError', { accountId: account ? account.id : null, userId: this.userId(), providerId: provider.id, errorCode: 'SYSTEM_ERROR' });
    this.renderError('SYSTEM_ERROR', provider, account);
  };

  proto.renderMfa = function (provider, account) {
    var self = this;
    var code = this.field('Verification code', { type: 'text', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', required: true });
    var error = el('p', { class: 'error', role: 'alert' });
    var submit = el('button', { type: 'submit', class: 'btn' }, ['Verify']);
    var form = el('form', { novalidate: true }, [code.node, error, submit]);
    on(form, 'submit', function (event) {
      event.preventDefault();
      if (self.busy) {
        return;
      }
      if (!code.input.value.trim()) {
        error.textContent = 'Enter the verification code.';
        code.input.focus();
        return;
      }
      self.setBusy(submit, true, 'Verifying\u2026');
      self.api('POST', '/accounts/' + encodeURIComponent(account.id) + '/mfa', { code: code.input.value.trim() }).then(function (result) {
        self.setBusy(null, false);
        self.afterStep(provider, result);
      }, function (e) {
        self.failed(provider, account, e);
      });
    });
    this.screen('Enter your verification code', [
      el('p', { class: 'muted' }, [provider.name + ' sent a code to your phone or email.']),
      form,
      el('p', { class: 'hint' }, ['Emulator: the code is 1234.'])
    ]);
    code.input.focus();
    this.uiEvent('MfaPageOpened', { providerId: provider.id, accountId: account.id });
  };

  proto.connected = function (provider, account) {
    var self = this;
    this.fire('onAccountConnected', this.accountArg(account));
    if (!this.root) {
      return;
    }
    // The list must show the account just linked: "Link another account" waits for the
    // session that includes it (a quick tap on a slow network would otherwise miss it).
    var refreshed = this.refreshSession();
    var company = this.config.companyName;
    this.screen('Account connected', [
      el('p', { class: 'big', 'aria-hidden': 'true' }, ['\u2713']),
      el('p', null, ['Your ' + provider.name + ' account is linked' + (company ? ' and shared with ' + company : '') + '.']),
      this.button('Done', function () { self.close('exit'); }),
      this.singleProvider() ? null : this.button('Link another account', function () {
        refreshed.then(function () {
          if (self.root) {
            self.renderList();
          }
        });
      }, 'secondary')
    ]);
    this.uiEvent('ConnectSuccessPageOpened', { providerId: provider.id, accountId: account.id });
  };

  proto.renderError = function (code, provider, account) {
    var self = this;
    var text = ERRORS[code] || ERRORS.SYSTEM_ERROR;
    var name = provider ? provider.name : null;
    var nodes = [el('p', { 'data-error-code': code }, [fill(text[1], name)])];
    if (provider) {
      nodes.push(this.button('Try again', function () { self.renderLogin(provider); }));
    }
    nodes.push(this.button('Exit', function () { self.close('error'); }, provider ? 'secondary' : null));
    this.screen(fill(text[0], name), nodes);
    this.lastError = { code: code, accountId: account ? account.id : null };
  };

  proto.renderRevoke = function (account) {
    var self = this;
    var provider = this.providerById(account.providerId);
    var confirm = this.button('Disconnect', function () {
      if (self.busy) {
        return;
      }
      self.setBusy(confirm, true, 'Disconnecting\u2026');
      self.api('DELETE', '/accounts/' + encodeURIComponent(account.id)).then(function () {
        self.setBusy(null, false);
        self.fire('onAccountRemoved', self.accountArg(account));
        return self.refreshSession();
      }).then(function () {
        if (self.root) {
          self.renderList(provider.name + ' was disconnected.');
        }
      }, function (error) {
        self.busy = false;
        if (self.root && !error.expired) {
          self.renderError('SYSTEM_ERROR', null, account);
        }
      });
    }, 'danger');
    this.screen('Disconnect ' + provider.name + '?', [
      el('p', null, ['Smile will stop sharing your ' + provider.name + ' data and delete the data shared so far.']),
      confirm,
      this.button('Cancel', function () { self.renderList(); }, 'secondary')
    ], function () { self.renderList(); });
    this.uiEvent('AccountRevokePageOpened', { providerId: account.providerId, accountId: account.id });
  };

  proto.refreshSession = function () {
    var self = this;
    return this.api('GET', '/session').then(function (session) {
      self.session = session;
    }, function () { /* keep the old view */ });
  };

  /** The document types to offer: the spec's file types, from the Link API session. */
  proto.fileTypes = function () {
    return (this.session && this.session.fileTypes) || [];
  };

  proto.fileTypeLabel = function (type) {
    var known = this.fileTypes().filter(function (t) { return t.type === type; })[0];
    return known ? known.typeLabel : (type || '');
  };

  proto.renderFileTypes = function (status) {
    var self = this;
    var uploads = (this.session && this.session.uploads) || [];
    var nodes = [el('p', { class: 'status', role: 'status' }, [status || '']), el('p', null, ['Choose what you would like to upload.'])];
    nodes.push(el('ul', { class: 'list', 'aria-label': 'Document types' }, this.fileTypes().map(function (t) {
      return el('li', null, [on(el('button', { type: 'button', class: 'provider', 'data-file-type': t.type }, [
        el('span', { class: 'avatar', 'aria-hidden': 'true' }, [initials(t.typeLabel)]),
        el('span', { class: 'name' }, [t.typeLabel])
      ]), 'click', function () { self.renderUpload(t); })]);
    })));
    if (uploads.length) {
      nodes.push(el('h3', null, ['Your uploads']));
      nodes.push(el('ul', { class: 'list', 'aria-label': 'Your uploads' }, uploads.map(function (archive) {
        var files = uploadName(archive);
        return el('li', null, [el('div', { class: 'linked' }, [
          el('span', null, [el('span', { class: 'name' }, [files]), el('span', { class: 'sub' }, [self.fileTypeLabel(archive.type)])]),
          on(el('button', { type: 'button', class: 'small', 'aria-label': 'Remove ' + files }, ['Remove']), 'click', function () {
            self.renderRevokeUpload(archive, files);
          })
        ])]);
      })));
    }
    this.screen('Upload a document', nodes, function () { self.renderList(); });
    this.uiEvent('FileTypeListPageOpened');
  };

  /** An archive's file names, for lists and messages. */
  function uploadName(archive) {
    var names = (archive.rawFiles || []).map(function (f) { return f.name; }).filter(Boolean);
    return names.length ? names.join(', ') : archive.id;
  }

  proto.renderUpload = function (fileType) {
    var self = this;
    var hintId = P + 'file-hint';
    var file = this.field('Choose a file, or several', {
      type: 'file',
      multiple: true,
      accept: '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg',
      required: true,
      'aria-describedby': hintId
    });
    var error = el('p', { class: 'error', role: 'alert' });
    var submit = el('button', { type: 'submit', class: 'btn' }, ['Upload']);
    var form = el('form', { novalidate: true }, [file.node, error, submit]);
    var refuse = function (message) {
      error.textContent = message;
      file.input.setAttribute('aria-invalid', 'true');
      file.input.focus();
    };
    on(form, 'submit', function (event) {
      event.preventDefault();
      if (self.busy) {
        return;
      }
      var chosen = Array.prototype.slice.call(file.input.files || []);
      if (!chosen.length) {
        refuse('Choose at least one file to upload.');
        return;
      }
      var wrong = chosen.filter(function (f) { return !FILE_EXTENSIONS.test(f.name); });
      if (wrong.length) {
        refuse(wrong.map(function (f) { return f.name; }).join(', ') + ': only PDF, PNG or JPG files can be uploaded.');
        return;
      }
      error.textContent = '';
      file.input.removeAttribute('aria-invalid');
      self.setBusy(submit, true, 'Uploading\u2026');
      var files = chosen.map(function (f) { return { fileName: f.name, size: f.size }; });
      // One archive for all the files, as Smile keeps one upload's files together.
      self.api('POST', '/uploads', { fileType: fileType.type, files: files }).then(function (archive) {
        self.setBusy(submit, false);
        self.fire('onUploadsCreated', { uploads: [archive], userId: self.userId() });
        return self.refreshSession().then(function () { return archive; });
      }).then(function (archive) {
        if (self.root) {
          self.renderUploaded(archive);
        }
      }, function (e) {
        self.setBusy(submit, false);
        if (!self.root || e.expired) {
          return;
        }
        if (e.status === 400) {
          refuse(e.message);
        } else {
          self.renderError('SYSTEM_ERROR', null, null);
        }
      });
    });
    this.screen('Upload your ' + fileType.typeLabel, [
      el('p', { class: 'muted', id: hintId }, ['PDF, PNG or JPG; choose several files for a document with several pages. The emulator keeps only the file names and sizes.']),
      form
    ], function () { self.renderFileTypes(); });
    this.uiEvent('FileTypePageOpened', null, { fileType: fileType.type });
  };

  proto.renderUploaded = function (archive) {
    var self = this;
    var count = (archive.rawFiles || []).length;
    this.screen('Document received', [
      el('p', { class: 'big', 'aria-hidden': 'true' }, ['\u2713']),
      el('p', null, ['Thank you. Your ' + this.fileTypeLabel(archive.type) + (count > 1 ? ' (' + count + ' files)' : '') + ' will be reviewed.']),
      this.button('Done', function () { self.close('exit'); }),
      this.button('Upload another document', function () { self.renderFileTypes(); }, 'secondary')
    ]);
    this.uiEvent('ArchiveSuccessPageOpened', null, { fileType: archive.type });
  };

  proto.renderRevokeUpload = function (archive, fileName) {
    var self = this;
    var confirm = this.button('Remove', function () {
      if (self.busy) {
        return;
      }
      self.setBusy(confirm, true, 'Removing\u2026');
      self.api('DELETE', '/uploads/' + encodeURIComponent(archive.id)).then(function () {
        self.setBusy(null, false);
        self.fire('onUploadsRemoved', { uploads: [archive], userId: self.userId() });
        return self.refreshSession();
      }).then(function () {
        if (self.root) {
          self.renderFileTypes(fileName + ' was removed.');
        }
      }, function (e) {
        self.busy = false;
        if (self.root && !e.expired) {
          self.renderError('SYSTEM_ERROR', null, null);
        }
      });
    }, 'danger');
    this.screen('Remove ' + fileName + '?', [
      el('p', null, ['Smile will delete this document and stop sharing it.']),
      confirm,
      this.button('Cancel', function () { self.renderFileTypes(); }, 'secondary')
    ], function () { self.renderFileTypes(); });
    this.uiEvent('RevokeArchivePageOpened', null, { fileType: archive.type });
  };

  proto.renderExpired = function () {
    var self = this;
    this.busy = false;
    this.screen('Your session has expired', [
      el('p', null, ['For your security, this link session has ended. Close this window and start again.']),
      this.button('Close', function () { self.close('close'); })
    ]);
  };

  global.SmileLinkModal = SmileLinkModal;
})(window);
