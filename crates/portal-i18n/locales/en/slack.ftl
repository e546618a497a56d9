# Slack: what the portal posts in a workspace's channel (in the
# workspace's default language), and the console's Slack section. Slack's
# own words (Bot User OAuth Token, Signing Secret, Event Subscriptions,
# Interactivity) are the names Slack's app settings show: keep them as
# Slack's pages in that language do.

## Posts in the channel

slack-post-new-ticket = New ticket #{ $number }: { $title }
slack-post-from = From { $customer }
slack-post-company = Company: { $company }
slack-post-type = Type: { $type }
slack-post-close = Close
slack-post-assign-me = Assign to me
slack-post-customer-wrote = { $customer } wrote:
slack-post-status = Status: { $status }
slack-post-escalated = Escalated: { $reason }
slack-post-test = Test message from the customer portal: new tickets are posted to this channel.

## The console's Slack section

console-slack-heading = Slack
console-slack-intro = New portal tickets are posted to a channel; agents answer in the ticket's thread. Create a Slack app with the bot scopes chat:write, channels:read, groups:read and users:read.email, install it, and invite it to the channel.
console-slack-token = Bot User OAuth Token (xoxb-…)
console-slack-signing-secret = Signing Secret
console-slack-connect = Connect Slack
console-slack-connected = Slack is connected. Choose the channel new tickets are posted to.
console-slack-urls = In the app's settings, set Event Subscriptions (the message.channels and message.groups bot events) to { $events } and Interactivity to { $interactions }.
console-slack-channel = Channel
console-slack-no-channel = No channel chosen: nothing is posted yet.
console-slack-channels-failed = Slack's channel list could not be read: { $error }
console-slack-note-prefix = A thread reply starting with this is an internal note
console-slack-save = Save
console-slack-saved = Saved.
console-slack-test = Send a test message
console-slack-test-sent = The test message was posted.
console-slack-test-failed = Slack refused the test message: { $error }
console-slack-disconnect = Disconnect Slack
console-slack-disconnected = Slack is disconnected; posts that were waiting are dropped.
console-slack-bad-token = the bot token must start with xoxb- and hold no spaces.
console-slack-bad-secret = the signing secret must be the 32 hexadecimal characters Slack shows.
console-slack-bad-channel = choose one of the bot's channels.
console-slack-bad-prefix = the note prefix must be 1 to 20 characters without spaces.
console-slack-not-connected = Slack is not connected.
console-slack-member-id = Your Slack member ID (Slack: your profile, ⋮, Copy member ID)
console-slack-member-linked = Your replies in Slack threads are posted as you.
console-slack-member-bad = a Slack member ID is a U or W followed by letters and digits.
