# The console's Integrations page: webhooks, Slack, and the rules that
# route and escalate tickets. Event type names (ticket.created, ...) are
# identifiers: they stay in English.

console-nav-integrations = Integrations
console-integrations-title = Integrations

## Webhooks

console-webhooks-heading = Webhooks
console-webhooks-intro = Each endpoint is sent a signed JSON request when a ticket, message or customer changes. See the documentation to verify the signature.
console-webhooks-none = No endpoints yet.
console-webhooks-col-url = URL
console-webhooks-col-events = Events
console-webhooks-col-state = State
console-webhooks-enabled = Enabled
console-webhooks-failing = Failing since { $since }
console-webhooks-disabled = Disabled: { $reason }
console-webhooks-disabled-alert = The webhook to { $url } was disabled: { $reason }. Enable it again once the endpoint works; waiting deliveries are then sent.
console-webhooks-log = Deliveries
console-webhooks-enable = Enable
console-webhooks-disable = Disable
console-webhooks-rotate = New secret
console-webhooks-remove = Remove
console-webhooks-add-heading = Add an endpoint
console-webhooks-url = URL (https://)
console-webhooks-events = Events
console-webhooks-event-ticket-created = A ticket was opened
console-webhooks-event-ticket-updated = A ticket's status or participants changed
console-webhooks-event-message-created = A message was written
console-webhooks-event-customer-created = A customer was first seen
console-webhooks-include-notes = Also send agents' internal notes
console-webhooks-add = Add endpoint
console-webhooks-added = Added. Its secret, shown only now: { $secret }
console-webhooks-rotated = The old secret no longer signs anything. The new one, shown only now: { $secret }
console-webhooks-now-enabled = Enabled. Waiting deliveries go out now.
console-webhooks-now-disabled = Disabled. Nothing is recorded for it until it is enabled again.
console-webhooks-removed = Removed, with its delivery log.
console-webhooks-no-such = there is no such endpoint.
console-webhooks-bad-url = the URL must be an https:// address without a user name, of at most 2000 characters.
console-webhooks-private-url = the URL is in a private, loopback or link-local network, which this server does not send to.
console-webhooks-no-events = choose at least one event.
console-webhooks-back = ← Integrations
console-webhooks-log-title = Deliveries to { $url }
console-webhooks-log-none = Nothing was sent to this endpoint yet.
console-webhooks-col-event = Event
console-webhooks-col-ticket = Ticket
console-webhooks-col-when = When
console-webhooks-col-attempts = Tries
console-webhooks-col-answer = Answer
console-webhooks-state-pending = Waiting
console-webhooks-state-delivered = Delivered
console-webhooks-state-failed = Failed
console-webhooks-redeliver = Send again
console-webhooks-redelivered = It is sent again within seconds, under the same event id.
