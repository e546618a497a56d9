# Why a value was refused: read in the frame and in the console.

invalid-email-missing = The email address is missing.
invalid-email-too-long = The email address is longer than { $max } characters.
invalid-email = The email address is not valid.
invalid-email-case = The email address holds a character that becomes another letter when its case changes (such as the Kelvin sign, which becomes k), so it could pass for another address.
invalid-name-too-long = The name is longer than { $max } characters.
invalid-name-control = The name contains control characters.
invalid-slug = The workspace name must be 1 to { $max } characters of a-z, 0-9 and '-'.
invalid-origin = '{ $origin }' is not an origin: use scheme://host[:port] with http or https and nothing after it.
invalid-origin-count = At most { $max } origins can be allowed.
invalid-session-lifetime = The session lifetime must be at least one hour.
invalid-title-empty = The title must not be empty.
invalid-message-empty = The message must not be empty.
invalid-message-too-long = The message is { $got } characters long; the limit is { $max }.
invalid-title-too-long = The title is { $got } characters long; the limit is { $max }.
invalid-idempotency-key = The idempotency key must be 8 to 64 characters of a-z, A-Z, 0-9, '-' and '_'.
invalid-type-count = A workspace has 1 to { $max } ticket types, not { $got }.
invalid-type-length = A ticket type is 1 to { $max } characters: "{ $name }".
invalid-type-control = A ticket type has no control characters: "{ $name }".
invalid-type-repeated = The ticket type "{ $name }" is listed twice.
invalid-token-name = An API token name is 1 to { $max } characters without control characters.

list-error-search-too-long = A search is at most { $max } characters.
list-error-search-no-words = Search for at least one letter or digit.
list-error-state = "{ $value }" is not a ticket state.
list-error-type = "{ $value }" is not one of this portal's ticket types.
list-error-date = "{ $value }" is not a date: use YYYY-MM-DD.
list-error-created-reversed = The created date range ends before it starts.
list-error-updated-reversed = The updated date range ends before it starts.
list-error-sort = "{ $value }" is not a way to sort tickets.
list-error-creator = "{ $value }" is not an email address.
list-error-page-size = The page size must be a whole number.
list-error-cursor = This page link is damaged. Start again from the first page.

file-error-no-name = The file has no name.
file-error-name-too-long = { $name }: the name is longer than { $max } characters.
file-error-separator = { $name }: file names must not contain '/' or '\'.
file-error-control = { $name }: file names must not contain control characters.
file-error-kind = { $name }: this type of file is not allowed (allowed: { $allowed }).
file-error-empty = { $name }: the file is empty.
file-error-too-large = { $name }: the file is larger than { $limit }.
file-error-mismatch = { $name }: the content is not a { $kind } file, whatever its name says.
file-error-too-many = At most { $max } files can be attached to one message.
file-error-disabled = This workspace does not accept attachments.

form-error-unknown = This form has no field "{ $field }".
form-error-required = Please fill in "{ $field }".
form-error-too-long = "{ $field }" is at most { $max } characters.
form-error-number = "{ $field }" must be a number.
form-error-date = "{ $field }" must be a date (YYYY-MM-DD).
form-error-choice = Please choose one of the options for "{ $field }".
