# What agents and admins read: the console. A reason ($reason, and the
# messages that say why something was refused) is a clause that follows a
# lead such as "Nothing was changed:" and ends with its own full stop.
# Arguments: $count and $minutes are numbers (they choose plural forms);
# $n, $matching, $customers and $percent are numbers already written in the
# language's digits.

## The frame of every page

console-brand = Support console
console-page-title = { $page } · Support console
console-nav-inbox = Inbox
console-nav-customers = Customers
console-nav-companies = Companies
console-nav-settings = Portal settings
console-nav-embed = Embed code
console-nav-accounts = Accounts
console-nav-your-account = Your account
console-nav-who = { $name } ({ $role })
console-sign-out = Sign out
console-role-admin = admin
console-role-agent = agent
console-problem-title = Not possible
console-save = Save
console-saved = Saved.
console-next-page = Next page
console-nobody = Nobody
console-none = None
console-list-and = { $first } and { $second }

## Words shared by tables and forms

console-col-title = Title
console-col-state = State
console-col-type = Type
console-col-customer = Customer
console-col-company = Company
console-col-assignee = Assignee
console-col-updated = Updated
console-col-email = Email
console-col-name = Name
console-col-companies = Companies
console-col-tickets = Tickets
console-col-access = Access
console-col-key = Key
console-col-members = Members
console-col-role = Role
console-col-since = Since

## Leads before a reason

console-nothing-changed = Nothing was changed: { $reason }
console-nothing-sent = Nothing was sent: { $reason }
console-nothing-to-open = Nothing to open: { $reason }
console-inbox-refused = This list cannot be shown: { $reason }

## Signing in

console-sign-in = Sign in
console-login-workspace = Workspace
console-login-email = Email
console-login-password = Password
console-sign-in-wrong = The workspace, email or password is not right.
console-sign-in-paused = This account is paused; an admin of the workspace can resume it.
console-sign-in-held = Too many failed sign-ins from here. Try again in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
console-busy = Many passwords are being checked right now. Please try again in a few seconds.
console-unavailable = The console is temporarily unavailable.
console-cross-site = This form must be sent from the console's own pages.
console-admins-only = Only admins can open this page.

## What the store refused or could not do

console-store-no-company = there is no company { $key }.
console-store-key-reused = this message was already sent with other text.
console-store-ticket-closed = the ticket is closed.
console-store-not-found = it does not exist.
console-store-unavailable = the database is not available right now; nothing was changed.
console-store-failed = something went wrong on the server (its log says what); nothing was changed.
console-workspace-gone = This workspace no longer exists.
console-no-such-action = there is no action "{ $action }".

## The inbox

console-inbox-title = Inbox
console-inbox-search = Search tickets
console-inbox-any-state = Any state
console-inbox-any-type = Any type
console-inbox-anyone = Anyone
console-inbox-me = Me
console-inbox-company-key = Company key
console-inbox-sort = Order
console-inbox-default-order = Default order
console-inbox-show = Show
console-inbox-empty = No tickets match.
console-inbox-no-such-account = there is no account "{ $id }" to filter by.
console-preview-author = { $author }:

## A ticket

console-ticket-title = Ticket #{ $number }
console-ticket-gone = This ticket does not exist.
console-back-to-inbox = ← Inbox
console-ticket-opened = Opened
console-ticket-channel = Channel
console-internal-note = Internal note
console-author-customer = customer
console-author-agent = agent
console-composer-placeholder = Write a reply, or a note only agents see
console-composer-reply = Reply to customer
console-composer-note = Add internal note
console-composer-choose = Choose to reply or to add a note.
console-ticket-no-state = there is no state "{ $state }".
console-ticket-no-account = there is no account { $id } here.

## Customers

console-customers-title = Customers
console-customers-search = Email or name
console-customers-find = Find
console-customers-active = active
console-customers-disabled = disabled
console-customers-outside = outside the audience
console-customer-title = Customer
console-customer-gone = This customer does not exist.
console-back-to-customers = ← Customers
console-customer-access-active = Active
console-customer-access-disabled = Disabled
console-customer-access-outside = Outside the portal's audience
console-customer-attributes = Attributes (key = value, one per line)
console-customer-companies = Companies (keys, comma-separated)
console-customer-enable = Enable this customer
console-customer-disable = Disable this customer (ends their sessions now)
console-customer-write-key-value = "{ $line }": write key = value.
console-customer-saved = Saved; the visibility rule and audience are applied again.
console-customer-choose-access = Choose enable or disable.
console-customer-disabled = Disabled: their sessions have ended.
console-customer-enabled = Enabled.

## Companies

console-companies-title = Companies
console-companies-key-example = acme-corp
console-companies-name-example = Acme Corp
console-companies-save = Add or rename
console-companies-saved = Company { $key } saved.
console-company-title = Company
console-company-gone = This company does not exist.
console-back-to-companies = ← Companies
console-company-remove = Remove
console-company-member-email = Customer email
console-company-add-member = Add member
console-company-no-customer = there is no customer { $email }.
console-company-add-or-remove = give an email to add or a member to remove.
console-company-no-such-customer = there is no such customer.
console-company-added = Added. The visibility rule and audience are applied again.
console-company-removed = Removed. The visibility rule and audience are applied again.

## Accounts

console-accounts-title = Accounts
console-accounts-save-role = Save role
console-accounts-pause = Pause
console-accounts-resume = Resume
console-accounts-remove = Remove
console-accounts-paused-role = { $role } (paused)
console-accounts-add-heading = Add an account
console-accounts-name = Name customers see on replies
console-accounts-password = Password (empty: one is generated and shown once)
console-accounts-add = Add account
console-accounts-added-generated = { $email } can sign in with the password { $password } (shown once).
console-accounts-added-chosen = { $email } can sign in with the password you chose.
console-accounts-not-hashed = the password could not be hashed.
console-accounts-no-such-account = there is no such account.
console-accounts-not-yourself = another admin changes or removes your own account.
console-accounts-now-admin = The account is now an admin.
console-accounts-now-agent = The account is now an agent.
console-accounts-paused = The account is paused; its sign-ins have ended.
console-accounts-resumed = The account is resumed: it can sign in again.
console-accounts-removed = The account is removed; its sign-ins have ended.

## Your account

console-account-name = Your name, as customers see it on your replies
console-account-save-name = Save name
console-account-current-password = Current password
console-account-new-password = New password ({ $min } characters or more)
console-account-change-password = Change password
console-account-gone = This account no longer exists.
console-account-password-held = too many wrong current passwords. Try again in { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
console-account-wrong-password = the current password is not right.
console-account-password-changed = Your password is changed; your other sign-ins have ended.
console-account-name-saved = Your name is saved; your next replies carry it.

## Why a console value was refused

console-error-role = the role must be admin or agent, not "{ $role }".
console-error-password-length = the password must be { $min } to { $max } characters.
console-error-brand-color = the brand colour must be a hex colour like #3b5bdb.
console-error-logo-url = the logo URL must be an https:// address (http:// only on localhost) without spaces or quotes, at most { $max } characters.
console-error-theme = the theme must be auto, light or dark.
console-error-greeting = the greeting must be at most { $max } characters, on one line.
console-error-agent-name = the display name must be 1 to { $max } characters, without control characters.
console-error-translation-too-long = the translation "{ $text }" is longer than { $max } characters.
console-error-translation-control = the translation "{ $text }" holds control characters.

## Portal settings

console-settings-lead = Changes reach the embedded portal on its next load; the site's pages stay as they are.
console-settings-no-section = there is no setting "{ $section }".
console-settings-look = Greeting and look
console-settings-greeting = Greeting
console-settings-brand-color = Brand colour
console-settings-logo = Logo URL (https)
console-settings-theme = Theme
console-theme-auto = auto
console-theme-light = light
console-theme-dark = dark
console-settings-save-look = Save look
console-settings-look-saved = The greeting and look are saved; the portal shows them on its next load.
console-settings-origins = Allowed embed origins
console-settings-origins-hint = One per line, like https://www.example.com. Only pages on these origins may show the portal and talk to it.
console-settings-save-origins = Save origins
console-settings-origins-saved = { $count } allowed origin(s) saved.
console-settings-behaviour = Sessions, reopening, search and language
console-settings-session-hours = Session lifetime (hours, at least 1)
console-settings-reopen = Customers may reopen a closed ticket by replying
console-settings-search-preview = Search results show a preview column
console-settings-default-language = Default language
console-settings-default-language-hint = The portal speaks each customer's language when it can, else this one; the console too. The greeting, ticket types and attribute names are written in it.
console-settings-hours-number = the session lifetime must be a whole number of hours, not "{ $value }".
console-settings-hours-max = the session lifetime can be at most { $max } hours.
console-settings-no-language = there is no language "{ $tag }".
console-settings-behaviour-saved = Saved. New sessions last the new lifetime.
console-settings-types = Ticket types
console-settings-types-hint = One per line, in the order customers see them (1 to 50).
console-settings-save-types = Save types
console-settings-types-saved = { $count ->
        [one] { $count } ticket type saved.
       *[other] { $count } ticket types saved.
    }
console-settings-attributes = Ticket attributes customers see
console-settings-attributes-hint = One per line: key = Name shown.
console-settings-save-attributes = Save attributes
console-settings-write-key-name = "{ $line }": write key = Name shown.
console-settings-attributes-saved = Customers see { $count ->
        [one] { $count } ticket attribute.
       *[other] { $count } ticket attributes.
    }
console-settings-attachments = Attachments
console-settings-max-files = Files per message (0 to 6)
console-settings-max-kb = Largest file (KB, up to 3072)
console-settings-save-limits = Save limits
console-settings-files-number = the number of files must be a whole number.
console-settings-size-number = the file size must be a whole number.
console-settings-attachments-saved = Up to { $count ->
        [one] { $count } file
       *[other] { $count } files
    } of at most { $size } each.
console-settings-storage = Files take { $used } of the { $quota } this workspace may keep ({ $percent }%). The portal's operator sets this quota; past it, customers' uploads are refused.
console-settings-visibility = Ticket visibility
console-settings-restricted = Restrict who sees their companies' tickets
console-settings-visibility-hint = When restricted, customers matching every condition see only their own tickets, and everyone else their companies' too (no conditions: everyone sees only their own). One per line: attribute operator value, e.g. email ends_with @example.com. Attributes: { $fields } (not the customer's name, which the site does not sign); operators: equals, contains, starts_with, ends_with.
console-settings-conditions = Conditions
console-settings-preview = Preview
console-settings-save-visibility = Save visibility
console-settings-visibility-saved = The ticket-visibility rule is saved and applied to every customer.
console-settings-audience = Who may use the portal
console-settings-audience-hint = Customers matching every condition (none: everyone the site verifies). Attributes: { $fields } (not the customer's name, which the site does not sign).
console-settings-save-audience = Save audience
console-settings-audience-saved = The audience is saved and applied to every customer.
console-preview-audience = { $matching } of { $customers } customers match.
console-preview-visibility = { $matching } of { $customers } customers see only their own tickets.
console-preview-unavailable = The preview is not available right now.

## Translations

console-settings-translations = Translations
console-settings-translations-hint = The greeting, ticket types and attribute names as customers read them in other languages. They are written in { $language }, the default language; an empty field shows the text as written.
console-settings-translations-language = Language
console-settings-translations-show = Show
console-settings-translations-attributes = Ticket attributes
console-settings-save-translations = Save translations
console-settings-translations-default = { $language } is the default language: its texts are the ones written above.
console-settings-translations-saved = The texts in { $language } are saved; the portal shows them on its next load.

## Embed code

console-embed-status = Status
console-embed-is-enabled = The portal is enabled.
console-embed-is-disabled = The portal is disabled.
console-embed-needs = Before it can be enabled it needs { $needs }.
console-embed-needs-origin = at least one allowed embed origin (Portal settings)
console-embed-needs-secret = an identity-verification secret (Generate secret below)
console-embed-cannot-enable = The portal cannot be enabled yet. It needs { $needs }.
console-embed-enable = Enable the portal
console-embed-disable = Disable the portal
console-embed-enabled-done = The portal is enabled. Copy the code below into your site.
console-embed-disabled-done = The portal is disabled: the frame says so and opens no session.
console-embed-sign-in = How customers sign in
console-embed-is-hash-allowed = Your site may sign customers in with a verification hash or with a signed token (JWT).
console-embed-is-jwt-only = Only signed tokens (JWT) sign customers in: verification hashes are refused.
console-embed-jwt-hint = A signed token (JWT, HS256 with the secret below) expires within 10 minutes and signs in once, so a copied one is of no use.
console-embed-require-jwt = Accept only signed tokens (JWT)
console-embed-allow-hash = Accept verification hashes too
console-embed-jwt-only-done = Only signed tokens (JWT) sign customers in now. Sessions already open go on.
console-embed-hash-allowed-done = Verification hashes sign customers in again, beside signed tokens.
console-embed-step-head = 1. Paste this into the <head> of your pages
console-embed-step-frame = 2. Put the frame where the portal should show
console-embed-step-csp = 3. Allow it in your site's Content-Security-Policy
console-embed-step-sign = 4. Sign each user on your server
console-embed-step-sign-hint = Call { $init } once the user is signed in, and { $stop } when they sign out. The hash is HMAC-SHA256 of the email with the secret, in lower-case hex; keep the secret on the server.
console-embed-copy = Copy
console-embed-copied = Copied
console-embed-secret = Identity-verification secret
console-embed-generate-secret = Generate secret
console-embed-reveal-secret = Reveal secret
console-embed-secret-exists = The workspace has a secret already; rotate it to replace it.
console-embed-secret-generated = A new secret was generated. Put it in your site's server configuration.
console-embed-retiring = A previous secret keeps verifying until { $time }.
console-embed-overlap = Keep the old secret working for
console-embed-overlap-none = none: retire the old secret now
console-embed-overlap-hours = { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }
console-embed-overlap-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
console-embed-rotate = Rotate secret
console-embed-bad-overlap = Nothing was changed: choose an overlap of { $hours } hours.
console-embed-rotated-now = The secret was rotated. The old one no longer verifies, and its sessions have ended.
console-embed-rotated-overlap = The secret was rotated. The old one keeps verifying for { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }, then retires and its sessions end.

## Testing the portal as a customer

console-test-as-title = Test as a customer
console-test-as-hint = Opens the portal here as this customer, signed with the workspace's secret exactly as your site would sign them.
console-test-as-open = Open the portal as them
console-test-as-no-secret = The workspace has no secret yet: generate one on the Embed code page.
console-test-as-seeing = You are seeing the portal as { $email }. What you do here, you do as them.
console-test-as-frame = The portal as the customer sees it

console-settings-form = Fields of the new-ticket form
console-settings-form-hint = What customers fill in when they open a ticket, as ticket attributes; one per line: key | Label | text, number, date or choice: A, B [| required]. Example: plan | Plan | choice: Free, Pro | required
console-settings-save-form = Save form
console-settings-form-saved = { $count ->
        [one] { $count } field on the new-ticket form.
       *[other] { $count } fields on the new-ticket form.
    }

## The standalone portal and customers' sessions

console-error-sign-in-url = the sign-in page must be an https:// address (http:// only on localhost) without spaces, quotes or #, at most { $max } characters.
console-error-portal-host = the host name must be a DNS name like support.example.com, optionally with a port.
console-settings-standalone = Standalone portal
console-settings-standalone-hint = Customers can also use the portal as a site of its own, at { $address } or on a host name of its own.
console-settings-sign-in-url = Your site's login page (custom sign-on)
console-settings-sign-in-url-hint = Visitors who are not signed in go there with return_to; once logged in, send them to that address with &jwt= and a signed token added. Empty: no custom sign-on.
console-settings-new-tab = Offer “Open in a new tab” in the embedded portal
console-settings-email-sign-in = Let customers sign in with a one-time code sent to their email
console-settings-email-sign-in-hint = Only customers the workspace already knows get a code; the answer is the same for any address.
console-settings-email-sign-in-no-mail = No SMTP server is configured: email sign-in stays off until one is (smtp_url and mail_from).
console-settings-host = Host name of its own
console-settings-host-hint = Point the name at your reverse proxy, which handles TLS and forwards to the portal with the Host header kept. Empty: none.
console-settings-host-is-public = that is the portal's own address; choose another host name.
console-settings-standalone-saved = Standalone portal settings saved.
console-customer-sessions = Sessions
console-session-opened = Opened
console-session-where = Where
console-session-origin = Origin or host
console-session-browser = Browser
console-session-state = State
console-session-embedded = Embedded
console-session-standalone = Standalone
console-session-live = Active
console-session-ended = Ended

## Email to customers

console-mail-failed = A reply's email could not be delivered
console-mail-on = Email to customers is on: they hear of agents' replies.
console-mail-off = Email to customers is off: no SMTP server is configured (smtp_url and mail_from), so nothing is sent.

# The settings' mail card
console-settings-mail = Email
console-settings-mail-from-name = Sender’s name
console-settings-mail-reply-to = Reply-to address
console-settings-mail-reply-to-hint = Empty: replies go to the sender’s address. Set your helpdesk’s address to have replies land there.
console-settings-mail-reply-to-inbound = Replies come back to the portal (inbound_address is set) and land in their tickets; this address is not used.
console-settings-mail-saved = Email settings saved.
console-error-sender-name = the sender’s name must be at most { $max } characters, on one line.
console-error-reply-to = the reply-to address must be an email address, or empty.
console-settings-site-page = The site’s support page
console-settings-site-page-hint = Where links in mail open a ticket: your page with the portal’s frame (such as https://app.acme.com/support); the loader opens the ticket named by #ticket=. Empty: links open the standalone portal.
console-error-site-page = the site’s support page must be an https:// address (http:// only on localhost) without spaces, quotes or #, at most { $max } characters.
