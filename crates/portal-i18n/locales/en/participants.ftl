# Ticket participants: the customers besides its creator who take part in
# a ticket. What the frame says first, then the console.

## The frame: a company member who reads a ticket without taking part

join-hint = You can read this ticket because it belongs to your company. Join the conversation to reply.
join-button = Join conversation
error-not-participant = Join this conversation to reply to it.

## The console: a ticket's participants

console-participants-title = Participants
console-participants-hint = Customers besides the one who opened the ticket who take part in it: they see it in their portal and may reply. Internal notes stay hidden from them.
console-participants-none = No one else takes part in this ticket yet.
console-participant-how = Added by
console-participant-since = Since
console-participant-added-by-agent = An agent
console-participant-joined = Themselves, from the portal
console-participant-actions = Actions
console-participant-remove = Remove
console-participant-remove-label = Remove { $email } from the participants
console-participant-email = Customer email
console-participant-add = Add participant
console-participant-add-or-remove = give the email of a customer to add, or of a participant to remove.
console-participant-added = Added. They now see this ticket in their portal and may reply.
console-participant-already = They take part in this ticket already; nothing was changed.
console-participant-removed = Removed. They now see this ticket only if the visibility rule shows it to them.
console-participant-was-not = They were not a participant; nothing was changed.
console-store-no-customer = there is no customer { $email }.
console-store-creator-takes-part = this customer opened the ticket and takes part in it already.
console-store-not-participant = the customer must join the ticket first.
