// The pages' own script. Every page works without it; it adds the design system's
// behaviour, htmx's CSRF header, the session-expiry warning and immediate CPR checks.
(function () {
	'use strict';

	// DKFDS once for the page; after an htmx swap only for what was swapped in
	if (window.DKFDS) {
		window.DKFDS.init();
	}
	document.body.addEventListener('htmx:afterSwap', function (event) {
		if (window.DKFDS) {
			window.DKFDS.init({ scope: event.detail.elt });
		}
	});

	// htmx requests carry the CSRF token like the forms do
	var csrfHeader = document.querySelector('meta[name="_csrf_header"]');
	var csrfToken = document.querySelector('meta[name="_csrf"]');
	document.body.addEventListener('htmx:configRequest', function (event) {
		if (csrfHeader && csrfToken) {
			event.detail.headers[csrfHeader.content] = csrfToken.content;
		}
	});
	// a 401 inside htmx means the session ended: the whole window goes to the login
	document.body.addEventListener('htmx:responseError', function (event) {
		if (event.detail.xhr.status === 401) {
			window.location.reload();
		}
	});

	// The session-expiry warning: shown sessionWarning seconds before the session runs
	// out; "stay" renews it with a request, otherwise the page moves to the logged-out
	// page when the session has ended on the server.
	var timeout = parseInt(document.body.dataset.sessionTimeout || '0', 10);
	var warning = parseInt(document.body.dataset.sessionWarning || '0', 10);
	var box = document.getElementById('session-warning');
	var renewForm = document.getElementById('session-renew');
	if (timeout > 0 && box && renewForm) {
		var warnTimer;
		var endTimer;
		var schedule = function () {
			clearTimeout(warnTimer);
			clearTimeout(endTimer);
			box.hidden = true;
			warnTimer = setTimeout(function () {
				box.hidden = false;
				box.querySelector('button').focus();
			}, Math.max(0, timeout - warning) * 1000);
			endTimer = setTimeout(function () {
				window.location.assign(document.querySelector('a.logo').getAttribute('href') + 'logget-ud?udloebet');
			}, timeout * 1000);
		};
		renewForm.addEventListener('submit', function (event) {
			event.preventDefault();
			var headers = {};
			if (csrfHeader && csrfToken) {
				headers[csrfHeader.content] = csrfToken.content;
			}
			fetch(renewForm.action, { method: 'POST', headers: headers, credentials: 'same-origin' })
				.then(function (response) {
					if (response.ok) {
						schedule();
					}
					else {
						window.location.reload();
					}
				});
		});
		schedule();
	}

	// CPR numbers: the format (ddmmyy-xxxx, a real date) is checked as soon as the field is
	// left; the server checks again, this only saves a round trip
	document.querySelectorAll('input[data-cpr]').forEach(function (input) {
		var message = document.getElementById(input.id + '-format-error');
		input.addEventListener('blur', function () {
			var value = input.value.trim();
			var ok = value === '' || isCpr(value);
			input.setAttribute('aria-invalid', ok ? 'false' : 'true');
			var group = input.closest('.form-group');
			if (group) {
				group.classList.toggle('form-error', !ok);
			}
			if (message) {
				message.hidden = ok;
			}
		});
	});

	function isCpr(value) {
		var match = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/.exec(value);
		if (!match) {
			return false;
		}
		var day = parseInt(match[1], 10);
		var month = parseInt(match[2], 10);
		return month >= 1 && month <= 12 && day >= 1 && day <= 31;
	}
	// a form that comes back with errors: DKFDS's error summary ([data-module=error-summary])
	// takes the focus itself on init, and its links move to the fields
})();
