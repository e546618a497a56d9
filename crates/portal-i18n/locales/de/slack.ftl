# Slack: what the portal posts in a workspace's channel (in the
# workspace's default language), and the console's Slack section. Slack's
# own words (Bot User OAuth Token, Signing Secret, Event Subscriptions,
# Interactivity) are the names Slack's app settings show: keep them as
# Slack's pages in that language do.

## Posts in the channel

slack-post-new-ticket = Neues Ticket Nr. { $number }: { $title }
slack-post-from = Von { $customer }
slack-post-company = Unternehmen: { $company }
slack-post-type = Typ: { $type }
slack-post-close = Schließen
slack-post-assign-me = Mir zuweisen
slack-post-customer-wrote = { $customer } schrieb:
slack-post-status = Status: { $status }
slack-post-escalated = Eskaliert: { $reason }
slack-post-test = Testnachricht vom Kundenportal: Neue Tickets werden in diesem Channel gepostet.

## The console's Slack section

console-slack-heading = Slack
console-slack-intro = Neue Tickets aus dem Portal werden in einem Channel gepostet; Agenten antworten im Thread des Tickets. Erstellen Sie eine Slack-App mit den Bot-Scopes chat:write, channels:read, groups:read und users:read.email, installieren Sie sie und laden Sie sie in den Channel ein.
console-slack-token = Bot User OAuth Token (xoxb-…)
console-slack-signing-secret = Signing Secret
console-slack-connect = Slack verbinden
console-slack-connected = Slack ist verbunden. Wählen Sie den Channel, in dem neue Tickets gepostet werden.
console-slack-urls = Tragen Sie in den Einstellungen der App unter Event Subscriptions (die Bot-Events message.channels und message.groups) { $events } ein und unter Interactivity { $interactions }.
console-slack-channel = Channel
console-slack-no-channel = Kein Channel gewählt: Noch wird nichts gepostet.
console-slack-channels-failed = Die Channel-Liste von Slack konnte nicht gelesen werden: { $error }
console-slack-note-prefix = Eine Antwort im Thread, die damit beginnt, ist eine interne Notiz
console-slack-save = Speichern
console-slack-saved = Gespeichert.
console-slack-test = Testnachricht senden
console-slack-test-sent = Die Testnachricht wurde gepostet.
console-slack-test-failed = Slack hat die Testnachricht abgelehnt: { $error }
console-slack-disconnect = Slack trennen
console-slack-disconnected = Slack ist getrennt; wartende Beiträge werden verworfen.
console-slack-bad-token = das Bot-Token muss mit xoxb- beginnen und darf keine Leerzeichen enthalten.
console-slack-bad-secret = das Signing Secret muss aus den 32 Hexadezimalzeichen bestehen, die Slack anzeigt.
console-slack-bad-channel = wählen Sie einen der Channels des Bots.
console-slack-bad-prefix = das Notizpräfix muss 1 bis 20 Zeichen lang sein, ohne Leerzeichen.
console-slack-not-connected = Slack ist nicht verbunden.
console-slack-member-id = Ihre Slack-Mitglieds-ID (Slack: Ihr Profil, ⋮, Mitglieds-ID kopieren)
console-slack-member-linked = Ihre Antworten in Slack-Threads werden unter Ihrem Namen gepostet.
console-slack-member-bad = eine Slack-Mitglieds-ID besteht aus einem U oder W, gefolgt von Buchstaben und Ziffern.
