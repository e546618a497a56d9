# What customers read: the frame (and the standalone portal and e-mails as
# they come). Arguments: $n is a number already written in the language's
# digits; $count the same number, for choosing a plural form.

## The frame around the pages

page-title = Support
frame-loading = Wird geladen…
frame-waiting = Melden Sie sich auf der Website an, um Ihre Tickets zu sehen.
frame-not-embedded = Dieses Support-Portal wird auf der Website des Unternehmens geöffnet.
frame-verifying = Ihre Identität wird überprüft…
frame-signed-out = Sie sind abgemeldet.
frame-signed-in-as = Angemeldet als
frame-no-page = Diese Seite existiert nicht.

## The ticket list

list-tab-all = Alle
list-tab-mine = Von mir erstellt
new-ticket = Neues Ticket
list-search = Tickets durchsuchen
list-search-button = Suchen
list-sort = Sortieren
list-filters = Filter
list-any = Alle
list-created-by = Erstellt von
list-email = E-Mail
list-apply = Anwenden
list-range-created = Erstellt
list-range-created-from = Erstellt ab
list-range-created-to = Erstellt bis
list-range-updated = Aktualisiert
list-range-updated-from = Aktualisiert ab
list-range-updated-to = Aktualisiert bis
list-range-to = bis
list-clear = Suche und Filter zurücksetzen
list-no-more = Keine weiteren Tickets.
list-no-match = Keine passenden Tickets gefunden.
list-none-yet = Sie haben noch keine Tickets.
list-preview = Vorschau
list-first-page = ← Erste Seite
list-next-page = Nächste Seite →
list-tabs-label = Welche Tickets
list-pages-label = Seiten

sort-relevance = Beste Übereinstimmung
sort-updated-descending = Zuletzt aktualisiert, neueste zuerst
sort-updated-ascending = Zuletzt aktualisiert, älteste zuerst
sort-created-descending = Erstellt, neueste zuerst
sort-created-ascending = Erstellt, älteste zuerst
sort-number-descending = Nummer, höchste zuerst
sort-number-ascending = Nummer, niedrigste zuerst
sort-type-ascending = Typ, A bis Z
sort-type-descending = Typ, Z bis A
sort-state-ascending = Status, offene zuerst
sort-state-descending = Status, geschlossene zuerst

## A ticket

ticket-number = Nr.
ticket-title = Titel
ticket-type = Typ
ticket-state = Status
ticket-channel = Kanal
ticket-created = Erstellt
ticket-updated = Zuletzt aktualisiert
status-open = Offen
status-in_progress = In Bearbeitung
status-on_hold = Pausiert
status-closed = Geschlossen
author-customer = Kunde
author-agent = Support
back-to-list = ← Alle Tickets

## Replying and opening tickets

reply-label = Antwort
reply-send = Senden
reply-sending = Wird gesendet…
reply-sent = Gesendet
reply-not-sent = Nicht gesendet
reply-retry = Erneut versuchen
reply-closed = Dieses Ticket ist geschlossen. Für ein neues Anliegen
reply-closed-open-new = eröffnen Sie bitte ein neues Ticket.
reply-closed-reopens = Dieses Ticket ist geschlossen. Mit einer Antwort wird es wieder geöffnet.
reply-reopen = Wieder öffnen
new-ticket-description = Wie können wir Ihnen helfen?
new-ticket-create = Ticket erstellen

## Files

files-attach = Dateien anhängen
files-hint = { $count ->
        [one] { $count } Datei mit max. { $size }: { $kinds }
       *[other] Bis zu { $count } Dateien mit je max. { $size }: { $kinds }
    }
files-remove = Entfernen
files-uploading = { $name } — wird hochgeladen…

## What screen readers hear when a page changes by itself

live-new-message = Neue Nachricht von { $name }
live-ticket-changed = Dieses Ticket wurde aktualisiert.
live-list-changed = Ihre Tickets wurden aktualisiert.

## Times and sizes

time-now = gerade eben
time-now-short = jetzt
time-minutes-ago = vor { $n } Min.
time-hours-ago = vor { $n } Std.
time-days-ago = vor { $n } Tg.
time-minutes-short = { $n } Min.
time-hours-short = { $n } Std.
time-days-short = { $n } T.
time-utc = { $time } UTC
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## What went wrong, as the frame says it

error-not-verified = Wir konnten Ihre Identität nicht überprüfen. Bitte melden Sie sich erneut auf der Website an.
error-token-malformed = Die Website hat ein Anmelde-Token gesendet, das kein gültiges JWT ist. Bitte melden Sie sich erneut auf der Website an.
error-token-algorithm = Das Anmelde-Token der Website muss mit HS256 signiert sein. Bitte melden Sie sich erneut auf der Website an.
error-token-claim = Dem Anmelde-Token der Website fehlt ein gültiger „{ $name }“-Claim. Bitte melden Sie sich erneut auf der Website an.
error-token-audience = Dieses Anmelde-Token gilt für ein anderes Support-Portal. Bitte melden Sie sich erneut auf der Website an.
error-token-future = Dieses Anmelde-Token ist in die Zukunft datiert; die Uhr der Website geht möglicherweise falsch. Bitte melden Sie sich erneut auf der Website an.
error-token-too-long = Dieses Anmelde-Token gilt länger als 10 Minuten, was dieses Support-Portal nicht annimmt. Bitte melden Sie sich erneut auf der Website an.
error-token-expired = Ihr Anmelde-Token ist abgelaufen. Bitte melden Sie sich erneut auf der Website an.
error-token-replayed = Dieses Anmelde-Token wurde bereits verwendet. Bitte melden Sie sich erneut auf der Website an.
error-token-required = Dieses Support-Portal nimmt nur signierte Anmelde-Tokens (JWT) an. Bitte melden Sie sich erneut auf der Website an.
error-session-ended = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut auf der Website an.
error-unknown-workspace = Dieses Support-Portal existiert nicht.
error-not-enabled = Dieses Support-Portal ist noch nicht aktiviert.
error-not-found = Dieses Ticket existiert nicht.
error-page-not-found = Diese Seite existiert nicht.
error-ticket-closed = Dieses Ticket ist geschlossen, und geschlossene Tickets können hier nicht wieder geöffnet werden. Bitte eröffnen Sie ein neues Ticket.
error-key-reused = Diese Antwort wurde bereits mit einem anderen Text gesendet. Laden Sie die Seite neu, um sie zu sehen, oder senden Sie sie als neue Antwort.
error-origin-not-allowed = Diese Website darf das Support-Portal nicht anzeigen.
error-no-access = Sie haben keinen Zugriff auf dieses Support-Portal. Wenn Sie meinen, dass Sie Zugriff haben sollten, wenden Sie sich bitte an das Unternehmen.
error-rate-limited = Sie senden schneller, als dieses Support-Portal zulässt. Bitte versuchen Sie es in { $seconds ->
        [one] einer Sekunde
       *[other] { $seconds } Sekunden
    } erneut.
error-storage-full = In diesem Support-Portal ist kein Platz für weitere Dateien. Bitte senden Sie Ihre Nachricht ohne Dateien oder wenden Sie sich an das Unternehmen.
error-unavailable = Das Support-Portal ist vorübergehend nicht verfügbar. Bitte versuchen Sie es gleich noch einmal.
error-internal = Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.
error-network = Das Support-Portal ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
error-malformed = Die Anfrage war fehlerhaft.

## Which company a new ticket is for

new-ticket-company = Unternehmen
new-ticket-choose-company = Wählen Sie das Unternehmen, für das dieses Ticket ist.

## The customer's account and the standalone portal

error-code-used = Dieser Anmeldelink ist abgelaufen oder wurde bereits verwendet. Öffnen Sie das Portal erneut über die Website.
frame-open-new-tab = In neuem Tab öffnen
frame-sign-out = Abmelden
account-signed-out-everywhere = Sie sind überall abgemeldet.
account-link = Ihr Konto
account-title = Ihr Konto
account-sessions = Wo Sie angemeldet sind
account-when = Wann
account-where = Wo
account-origin = Website
account-browser = Browser
account-state = Status
account-event = Was
account-session-live = Angemeldet
account-session-ended = Beendet
account-embedded = Auf der Website des Unternehmens
account-standalone = Support-Portal
account-sign-out-everywhere = Überall abmelden
account-data = Ihre Daten
account-data-hint = Ihr Profil, die von Ihnen eröffneten Tickets mit ihren öffentlichen Nachrichten und die Liste ihrer Dateien.
account-download-json = Meine Daten herunterladen (JSON)
account-download-files = Meine Daten mit den Dateien herunterladen (zip)
account-log = Zugriffsprotokoll
account-event-signed-in = Angemeldet
account-event-refused = Anmeldung abgelehnt
account-event-exported = Daten heruntergeladen
account-event-signed-out-everywhere = Überall abgemeldet
standalone-sign-in-from-site = Um Ihre Tickets zu sehen, melden Sie sich auf der Website des Unternehmens an und öffnen Sie das Support-Portal von dort.
standalone-sign-in-again = Erneut anmelden
standalone-cross-site = Diese Anfrage kam nicht von den Seiten des Support-Portals, daher wurde nichts getan.

## Email to customers

mail-reply-subject = Neue Antwort auf Ihr Ticket #{ $number }: { $title }
mail-reply-intro = { $author } hat auf Ihr Ticket #{ $number } geantwortet:
mail-reply-open = Ticket öffnen
mail-reply-footer = Sie erhalten diese E-Mail, weil Sie ein Support-Ticket bei { $workspace } haben.
mail-unsubscribe = Abbestellen
mail-unsubscribe-ask = Keine E-Mails mehr erhalten, wenn jemand auf Ihre Tickets antwortet? Sie können sie in Ihrem Konto wieder einschalten.
mail-unsubscribed = Erledigt: Sie erhalten keine E-Mails mehr zu Antworten auf Ihre Tickets.
mail-unsubscribe-unknown = Dieser Abbestell-Link ist ungültig.
account-email = E-Mail
account-email-on = Sie erhalten eine E-Mail, wenn jemand auf Ihre Tickets antwortet.
account-email-off = Sie erhalten keine E-Mail, wenn jemand auf Ihre Tickets antwortet.
account-email-turn-off = E-Mails ausschalten
account-email-turn-on = E-Mails einschalten

# Email sign-in (standalone portal)
email-sign-in-intro = Geben Sie Ihre E-Mail-Adresse ein, und wir senden Ihnen einen Code zur Anmeldung.
email-sign-in-email = E-Mail-Adresse
email-sign-in-send = Code senden
email-sign-in-sent = Wenn { $email } dieses Portal nutzen darf, ist ein Code dorthin unterwegs. Er gilt einmal, 15 Minuten lang.
email-sign-in-code = Code aus der E-Mail
email-sign-in-submit = Anmelden
email-sign-in-wrong = Dieser Code stimmt nicht oder ist abgelaufen. Prüfen Sie die neueste E-Mail oder fordern Sie einen neuen Code an.
email-sign-in-new-code = Neuen Code senden
email-sign-in-site = Stattdessen auf der Website des Unternehmens anmelden
email-sign-in-link-used = Dieser Anmeldelink wurde schon benutzt oder ist abgelaufen. Fordern Sie einen neuen Code an.
email-sign-in-bad-email = Das ist keine E-Mail-Adresse.
email-sign-in-wait = Es wurden zu viele Codes angefordert. Bitte versuchen Sie es in ein paar Minuten erneut.
mail-sign-in-subject = Ihr Anmeldecode für { $workspace }
mail-sign-in-intro = Geben Sie diesen Code auf der Anmeldeseite ein. Er gilt einmal, 15 Minuten lang:
mail-sign-in-open = Oder melden Sie sich mit diesem Link an
mail-sign-in-ignore = Wenn Sie sich nicht anmelden wollten, können Sie diese E-Mail ignorieren.
