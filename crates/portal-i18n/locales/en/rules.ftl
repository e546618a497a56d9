# The console's Rules page: assignment and escalation rules, and the
# inbox's escalation filter and badge.

console-nav-rules = Rules
console-rules-title = Rules
console-escalated-badge = Escalated
console-inbox-escalated = Escalated only

## Assignment

console-rules-assignment-heading = Assignment
console-rules-assignment-intro = When a ticket is opened (from the portal, the API or email), the first rule that matches it assigns it.
console-rules-none = No rules yet.
console-rules-col-name = Rule
console-rules-col-when = When
console-rules-col-then = Then
console-rules-any-ticket = any ticket
console-rules-up = Move up
console-rules-remove = Remove
console-rules-preview = Preview
console-rules-add = Add rule
console-rules-name = Name
console-rules-type = Ticket type
console-rules-any-type = Any type
console-rules-company = Company key (empty: any)
console-rules-channel = Channel
console-rules-any-channel = Any channel
console-rules-customer = Customer conditions, one a line (as for the audience)
console-rules-assign-to = Assign to
console-rules-round-robin = Or in turn among (paused accounts are skipped)
console-rules-assign-agent = Assign to { $agent }
console-rules-assign-turns = Assign in turn to { $agents }
console-rules-matches = Of the latest tickets, { $count ->
    [0] none would have matched.
    [one] one would have matched:
   *[other] { $count } would have matched:
}

## Escalation

console-rules-escalation-heading = Escalation
console-rules-escalation-intro = Checked every few seconds; each rule fires once per ticket.
console-rules-trigger = When
console-rules-no-first-reply = No agent reply within (minutes)
console-rules-customer-waiting = The customer has waited (minutes)
console-rules-minutes = Minutes
console-rules-mark = Mark escalated
console-rules-reassign = Reassign to
console-rules-no-reassign = Nobody (keep)
console-rules-post-to-slack = Post to Slack
console-rules-when-no-reply = no agent reply within { $minutes } min
console-rules-when-waiting = the customer waited { $minutes } min
console-rules-then-mark = mark escalated
console-rules-then-reassign = reassign to { $agent }
console-rules-then-slack = post to Slack
console-rules-due-now = Due now: { $count ->
    [0] no ticket.
    [one] one ticket:
   *[other] { $count } tickets:
}

## Results

console-rules-added = The rule was added.
console-rules-removed = The rule was removed.
console-rules-moved = The rule was moved up.
console-rules-no-such = there is no such rule.
console-rules-no-agent = choose an agent, or agents to take turns.
console-rules-bad-minutes = the wait must be a whole number of minutes from 1 to 86400.

## Business hours

console-hours-heading = Business hours
console-hours-intro = Escalation waits count only these hours, in the workspace's time zone. Without them, every minute counts.
console-hours-none = Not set: every minute counts.
console-hours-zone = Time zone (such as Europe/Berlin)
console-hours-days = Days
console-hours-opens = Opens
console-hours-closes = Closes
console-hours-save = Save hours
console-hours-clear = Every minute counts
console-hours-saved = The business hours were saved.
console-hours-cleared = Every minute counts again.
console-day-mon = Monday
console-day-tue = Tuesday
console-day-wed = Wednesday
console-day-thu = Thursday
console-day-fri = Friday
console-day-sat = Saturday
console-day-sun = Sunday

## Why a rule was refused

console-rules-bad-name = a rule needs a name of at most 100 characters.
console-rules-empty-group = choose at least one agent to take turns.
console-rules-no-action = an escalation rule must do something: mark, reassign or post to Slack.
console-rules-customer-filter = an escalation rule filters on ticket type and company only.
console-rules-bad-channel = the channel must be portal, api or email.
console-hours-bad-zone = { $zone } is not a time zone: use a name such as Europe/Berlin.
console-hours-bad-hours = choose at least one day, and opening before closing.
