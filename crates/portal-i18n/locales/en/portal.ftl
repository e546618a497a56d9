# What customers read: the frame (and the standalone portal and e-mails as
# they come). Arguments: $n is a number already written in the language's
# digits; $count the same number, for choosing a plural form.

## The frame around the pages

page-title = Support
frame-loading = Loading…
frame-waiting = Sign in on the site to see your tickets.
frame-not-embedded = This support portal opens inside the company's website.
frame-verifying = Verifying your identity…
frame-signed-out = You are signed out.
frame-signed-in-as = Signed in as
frame-no-page = This page does not exist.

## The ticket list

list-tab-all = All
list-tab-mine = Created by me
new-ticket = New ticket
list-search = Search tickets
list-search-button = Search
list-sort = Sort
list-filters = Filters
list-any = Any
list-created-by = Created by
list-email = email
list-apply = Apply
list-range-created = Created
list-range-created-from = Created from
list-range-created-to = Created to
list-range-updated = Updated
list-range-updated-from = Updated from
list-range-updated-to = Updated to
list-range-to = to
list-clear = Clear the search and filters
list-no-more = There are no more tickets.
list-no-match = No tickets match.
list-none-yet = You have no tickets yet.
list-preview = Preview
list-first-page = ← First page
list-next-page = Next page →
list-tabs-label = Which tickets
list-pages-label = Pages

sort-relevance = Best match
sort-updated-descending = Last updated, newest first
sort-updated-ascending = Last updated, oldest first
sort-created-descending = Created, newest first
sort-created-ascending = Created, oldest first
sort-number-descending = Number, highest first
sort-number-ascending = Number, lowest first
sort-type-ascending = Type, A to Z
sort-type-descending = Type, Z to A
sort-state-ascending = State, open first
sort-state-descending = State, closed first

## A ticket

ticket-number = #
ticket-title = Title
ticket-type = Type
ticket-state = Status
ticket-channel = Channel
ticket-created = Created
ticket-updated = Last updated
status-open = Open
status-in_progress = In progress
status-on_hold = On hold
status-closed = Closed
author-customer = Customer
author-agent = Support
back-to-list = ← All tickets

## Replying and opening tickets

reply-label = Reply
reply-send = Send
reply-sending = Sending…
reply-sent = Sent
reply-not-sent = Not sent
reply-retry = Retry
reply-closed = This ticket is closed. To ask something new,
reply-closed-open-new = open a new ticket.
reply-closed-reopens = This ticket is closed. Replying reopens it.
reply-reopen = Reopen
new-ticket-description = What can we help with?
new-ticket-create = Create ticket

## Files

files-attach = Attach files
files-hint = Up to { $count } files of { $size } each: { $kinds }
files-remove = Remove
files-uploading = { $name } — uploading…

## What screen readers hear when a page changes by itself

live-new-message = New message from { $name }
live-ticket-changed = This ticket was updated.
live-list-changed = Your tickets were updated.

## Times and sizes

time-now = just now
time-now-short = now
time-minutes-ago = { $n }m ago
time-hours-ago = { $n }h ago
time-days-ago = { $n }d ago
time-minutes-short = { $n }m
time-hours-short = { $n }h
time-days-short = { $n }d
time-utc = { $time } UTC
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## What went wrong, as the frame says it

error-not-verified = We could not verify your identity. Please sign in again on the site.
error-token-malformed = The site sent a sign-in token that is not a valid JWT. Please sign in again on the site.
error-token-algorithm = The site's sign-in token must be signed with HS256. Please sign in again on the site.
error-token-claim = The site's sign-in token has no valid “{ $name }” claim. Please sign in again on the site.
error-token-audience = This sign-in token is for another support portal. Please sign in again on the site.
error-token-future = This sign-in token is dated in the future; the site's clock may be wrong. Please sign in again on the site.
error-token-too-long = This sign-in token is valid for more than 10 minutes, which this support portal does not accept. Please sign in again on the site.
error-token-expired = Your sign-in token has expired. Please sign in again on the site.
error-token-replayed = This sign-in token has already been used. Please sign in again on the site.
error-token-required = This support portal accepts only signed sign-in tokens (JWT). Please sign in again on the site.
error-session-ended = Your session has ended. Please sign in again on the site.
error-unknown-workspace = This support portal does not exist.
error-not-enabled = This support portal is not switched on yet.
error-not-found = This ticket does not exist.
error-page-not-found = This page does not exist.
error-ticket-closed = This ticket is closed, and closed tickets cannot be reopened here. Please open a new ticket.
error-key-reused = This reply was already sent with other text. Reload to see it, or send it again as a new reply.
error-origin-not-allowed = This site is not allowed to show the support portal.
error-no-access = You do not have access to this support portal. If you think you should, please contact the company.
error-rate-limited = You are sending faster than this support portal allows. Please try again in { $seconds ->
        [one] a second
       *[other] { $seconds } seconds
    }.
error-storage-full = This support portal has no room for more files. Please send your message without files, or contact the company.
error-unavailable = The support portal is temporarily unavailable. Please try again shortly.
error-internal = Something went wrong on our side. Please try again.
error-network = Could not reach the support portal. Check your connection and try again.
error-malformed = The request was malformed.

## Which company a new ticket is for

new-ticket-company = Company
new-ticket-choose-company = Choose the company this ticket is for.

## The customer's account and the standalone portal

error-code-used = This sign-in link has expired or was used already. Open the portal again from the site.
frame-open-new-tab = Open in a new tab
frame-sign-out = Sign out
account-signed-out-everywhere = You are signed out everywhere.
account-link = Your account
account-title = Your account
account-sessions = Where you are signed in
account-when = When
account-where = Where
account-origin = Site
account-browser = Browser
account-state = State
account-event = What
account-session-live = Signed in
account-session-ended = Ended
account-embedded = On the company's site
account-standalone = Support portal
account-sign-out-everywhere = Sign out everywhere
account-data = Your data
account-data-hint = Your profile, the tickets you opened and their public messages, and the list of their files.
account-download-json = Download my data (JSON)
account-download-files = Download my data with the files (zip)
account-log = Access log
account-event-signed-in = Signed in
account-event-refused = Sign-in refused
account-event-exported = Data downloaded
account-event-signed-out-everywhere = Signed out everywhere
standalone-sign-in-from-site = To see your tickets, sign in on the company's website and open the support portal from there.
standalone-sign-in-again = Sign in again
standalone-cross-site = This request did not come from the support portal's own pages, so nothing was done.

## Email to customers

mail-reply-subject = New reply to your ticket #{ $number }: { $title }
mail-reply-intro = { $author } replied to your ticket #{ $number }:
mail-reply-open = Open the ticket
mail-reply-footer = You get this email because you have a support ticket with { $workspace }.
mail-unsubscribe = Unsubscribe
mail-unsubscribe-ask = Stop getting an email when someone replies to your tickets? You can turn it back on in your account.
mail-unsubscribed = Done: you will get no more email about replies to your tickets.
mail-unsubscribe-unknown = This unsubscribe link is not valid.
account-email = Email
account-email-on = You get an email when someone replies to your tickets.
account-email-off = You get no email when someone replies to your tickets.
account-email-turn-off = Turn email off
account-email-turn-on = Turn email on

# Email sign-in (standalone portal)
email-sign-in-intro = Enter your email address and we will send you a code to sign in.
email-sign-in-email = Email address
email-sign-in-send = Send me a code
email-sign-in-sent = If { $email } may use this portal, a code is on its way to it. It works once, for 15 minutes.
email-sign-in-code = Code from the email
email-sign-in-submit = Sign in
email-sign-in-wrong = This code is not right or has expired. Check the latest email, or ask for a new code.
email-sign-in-new-code = Send a new code
email-sign-in-site = Sign in on the company's website instead
email-sign-in-link-used = This sign-in link was already used or has expired. Ask for a new code.
email-sign-in-bad-email = This is not an email address.
email-sign-in-wait = Too many codes were asked for. Please try again in a few minutes.
mail-sign-in-subject = Your sign-in code for { $workspace }
mail-sign-in-intro = Type this code on the sign-in page. It works once, for 15 minutes:
mail-sign-in-open = Or sign in with this link
mail-sign-in-ignore = If you did not ask to sign in, you can ignore this email.
