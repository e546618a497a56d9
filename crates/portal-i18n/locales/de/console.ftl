# What agents and admins read: the console. A reason ($reason, and the
# messages that say why something was refused) is a clause that follows a
# lead such as "Nothing was changed:" and ends with its own full stop.
# Arguments: $count and $minutes are numbers (they choose plural forms);
# $n, $matching, $customers and $percent are numbers already written in the
# language's digits.

## The frame of every page

console-brand = Support-Konsole
console-page-title = { $page } · Support-Konsole
console-nav-inbox = Posteingang
console-nav-customers = Kunden
console-nav-companies = Unternehmen
console-nav-settings = Portaleinstellungen
console-nav-embed = Einbettungscode
console-nav-accounts = Konten
console-nav-your-account = Ihr Konto
console-nav-who = { $name } ({ $role })
console-sign-out = Abmelden
console-role-admin = Admin
console-role-agent = Agent
console-problem-title = Nicht möglich
console-save = Speichern
console-saved = Gespeichert.
console-next-page = Nächste Seite
console-nobody = Niemand
console-none = Keines
console-list-and = { $first } und { $second }

## Words shared by tables and forms

console-col-title = Titel
console-col-state = Status
console-col-type = Typ
console-col-customer = Kunde
console-col-company = Unternehmen
console-col-assignee = Zuständig
console-col-updated = Aktualisiert
console-col-email = E-Mail
console-col-name = Name
console-col-companies = Unternehmen
console-col-tickets = Tickets
console-col-access = Zugang
console-col-key = Schlüssel
console-col-members = Mitglieder
console-col-role = Rolle
console-col-since = Seit

## Leads before a reason

console-nothing-changed = Nichts wurde geändert: { $reason }
console-nothing-sent = Nichts wurde gesendet: { $reason }
console-nothing-to-open = Nichts zu öffnen: { $reason }
console-inbox-refused = Diese Liste kann nicht angezeigt werden: { $reason }

## Signing in

console-sign-in = Anmelden
console-login-workspace = Arbeitsbereich
console-login-email = E-Mail
console-login-password = Passwort
console-sign-in-wrong = Arbeitsbereich, E-Mail-Adresse oder Passwort sind nicht korrekt.
console-sign-in-paused = Dieses Konto ist pausiert; ein Admin des Arbeitsbereichs kann es fortsetzen.
console-sign-in-held = Zu viele fehlgeschlagene Anmeldungen von hier. Versuchen Sie es in { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } erneut.
console-busy = Gerade werden viele Passwörter geprüft. Bitte versuchen Sie es in ein paar Sekunden erneut.
console-unavailable = Die Konsole ist vorübergehend nicht verfügbar.
console-cross-site = Dieses Formular muss von den Seiten der Konsole gesendet werden.
console-admins-only = Nur Admins können diese Seite öffnen.

## What the store refused or could not do

console-store-no-company = es gibt kein Unternehmen { $key }.
console-store-key-reused = diese Nachricht wurde bereits mit anderem Text gesendet.
console-store-ticket-closed = das Ticket ist geschlossen.
console-store-not-found = es existiert nicht.
console-store-unavailable = die Datenbank ist gerade nicht erreichbar; nichts wurde geändert.
console-store-failed = auf dem Server ist etwas schiefgelaufen (sein Protokoll nennt den Grund); nichts wurde geändert.
console-workspace-gone = Dieser Arbeitsbereich existiert nicht mehr.
console-no-such-action = es gibt keine Aktion „{ $action }“.

## The inbox

console-inbox-title = Posteingang
console-inbox-search = Tickets durchsuchen
console-inbox-any-state = Jeder Status
console-inbox-any-type = Jeder Typ
console-inbox-anyone = Alle
console-inbox-me = Ich
console-inbox-company-key = Unternehmensschlüssel
console-inbox-sort = Reihenfolge
console-inbox-default-order = Standardreihenfolge
console-inbox-show = Anzeigen
console-inbox-empty = Keine passenden Tickets.
console-inbox-no-such-account = es gibt kein Konto „{ $id }“, nach dem gefiltert werden kann.
console-preview-author = { $author }:

## A ticket

console-ticket-title = Ticket Nr. { $number }
console-ticket-gone = Dieses Ticket existiert nicht.
console-back-to-inbox = ← Posteingang
console-ticket-opened = Eröffnet
console-ticket-channel = Kanal
console-internal-note = Interne Notiz
console-author-customer = Kunde
console-author-agent = Agent
console-composer-placeholder = Antwort schreiben oder Notiz, die nur Agenten sehen
console-composer-reply = Dem Kunden antworten
console-composer-note = Interne Notiz hinzufügen
console-composer-choose = Wählen Sie, ob Sie antworten oder eine Notiz hinzufügen möchten.
console-ticket-no-state = es gibt keinen Status „{ $state }“.
console-ticket-no-account = hier gibt es kein Konto { $id }.

## Customers

console-customers-title = Kunden
console-customers-search = E-Mail oder Name
console-customers-find = Suchen
console-customers-active = aktiv
console-customers-disabled = deaktiviert
console-customers-outside = außerhalb der Zielgruppe
console-customer-title = Kunde
console-customer-gone = Dieser Kunde existiert nicht.
console-back-to-customers = ← Kunden
console-customer-access-active = Aktiv
console-customer-access-disabled = Deaktiviert
console-customer-access-outside = Außerhalb der Zielgruppe des Portals
console-customer-attributes = Attribute (Schlüssel = Wert, eines pro Zeile)
console-customer-companies = Unternehmen (Schlüssel, durch Kommas getrennt)
console-customer-enable = Diesen Kunden aktivieren
console-customer-disable = Diesen Kunden deaktivieren (beendet seine Sitzungen sofort)
console-customer-write-key-value = „{ $line }“: Schreiben Sie Schlüssel = Wert.
console-customer-saved = Gespeichert; die Sichtbarkeitsregel und die Zielgruppe werden erneut angewendet.
console-customer-choose-access = Wählen Sie Aktivieren oder Deaktivieren.
console-customer-disabled = Deaktiviert: Die Sitzungen des Kunden wurden beendet.
console-customer-enabled = Aktiviert.

## Companies

console-companies-title = Unternehmen
console-companies-key-example = beispiel-gmbh
console-companies-name-example = Beispiel GmbH
console-companies-save = Hinzufügen oder umbenennen
console-companies-saved = Unternehmen { $key } gespeichert.
console-company-title = Unternehmen
console-company-gone = Dieses Unternehmen existiert nicht.
console-back-to-companies = ← Unternehmen
console-company-remove = Entfernen
console-company-member-email = E-Mail des Kunden
console-company-add-member = Mitglied hinzufügen
console-company-no-customer = es gibt keinen Kunden { $email }.
console-company-add-or-remove = geben Sie eine E-Mail-Adresse zum Hinzufügen oder ein Mitglied zum Entfernen an.
console-company-no-such-customer = diesen Kunden gibt es nicht.
console-company-added = Hinzugefügt. Die Sichtbarkeitsregel und die Zielgruppe werden erneut angewendet.
console-company-removed = Entfernt. Die Sichtbarkeitsregel und die Zielgruppe werden erneut angewendet.

## Accounts

console-accounts-title = Konten
console-accounts-save-role = Rolle speichern
console-accounts-pause = Pausieren
console-accounts-resume = Fortsetzen
console-accounts-remove = Entfernen
console-accounts-paused-role = { $role } (pausiert)
console-accounts-add-heading = Konto hinzufügen
console-accounts-name = Name, den Kunden bei Antworten sehen
console-accounts-password = Passwort (leer: eines wird erzeugt und einmal angezeigt)
console-accounts-add = Konto hinzufügen
console-accounts-added-generated = { $email } kann sich mit dem Passwort { $password } anmelden (wird nur einmal angezeigt).
console-accounts-added-chosen = { $email } kann sich mit dem von Ihnen gewählten Passwort anmelden.
console-accounts-not-hashed = das Passwort konnte nicht gehasht werden.
console-accounts-no-such-account = dieses Konto gibt es nicht.
console-accounts-not-yourself = Ihr eigenes Konto ändert oder entfernt ein anderer Admin.
console-accounts-now-admin = Das Konto ist jetzt ein Admin.
console-accounts-now-agent = Das Konto ist jetzt ein Agent.
console-accounts-paused = Das Konto ist pausiert; seine Anmeldungen wurden beendet.
console-accounts-resumed = Das Konto ist fortgesetzt: Es kann sich wieder anmelden.
console-accounts-removed = Das Konto ist entfernt; seine Anmeldungen wurden beendet.

## Your account

console-account-name = Ihr Name, wie Kunden ihn bei Ihren Antworten sehen
console-account-save-name = Name speichern
console-account-current-password = Aktuelles Passwort
console-account-new-password = Neues Passwort (mindestens { $min } Zeichen)
console-account-change-password = Passwort ändern
console-account-gone = Dieses Konto existiert nicht mehr.
console-account-password-held = zu viele falsche aktuelle Passwörter. Versuchen Sie es in { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } erneut.
console-account-wrong-password = das aktuelle Passwort ist nicht korrekt.
console-account-password-changed = Ihr Passwort ist geändert; Ihre anderen Anmeldungen wurden beendet.
console-account-name-saved = Ihr Name ist gespeichert; Ihre nächsten Antworten tragen ihn.

## Why a console value was refused

console-error-role = die Rolle muss admin oder agent sein, nicht „{ $role }“.
console-error-password-length = das Passwort muss { $min } bis { $max } Zeichen lang sein.
console-error-brand-color = die Markenfarbe muss eine Hex-Farbe wie #3b5bdb sein.
console-error-logo-url = die Logo-URL muss eine https://-Adresse sein (http:// nur auf localhost), ohne Leerzeichen oder Anführungszeichen, höchstens { $max } Zeichen.
console-error-theme = das Design muss auto, light oder dark sein.
console-error-greeting = die Begrüßung darf höchstens { $max } Zeichen lang sein, in einer Zeile.
console-error-agent-name = der Anzeigename muss 1 bis { $max } Zeichen lang sein, ohne Steuerzeichen.
console-error-translation-too-long = die Übersetzung „{ $text }“ ist länger als { $max } Zeichen.
console-error-translation-control = die Übersetzung „{ $text }“ enthält Steuerzeichen.

## Portal settings

console-settings-lead = Änderungen erreichen das eingebettete Portal beim nächsten Laden; die Seiten der Website bleiben, wie sie sind.
console-settings-no-section = es gibt keine Einstellung „{ $section }“.
console-settings-look = Begrüßung und Erscheinungsbild
console-settings-greeting = Begrüßung
console-settings-brand-color = Markenfarbe
console-settings-logo = Logo-URL (https)
console-settings-theme = Design
console-theme-auto = automatisch
console-theme-light = hell
console-theme-dark = dunkel
console-settings-save-look = Erscheinungsbild speichern
console-settings-look-saved = Begrüßung und Erscheinungsbild sind gespeichert; das Portal zeigt sie beim nächsten Laden.
console-settings-origins = Erlaubte Einbettungs-Origins
console-settings-origins-hint = Eine pro Zeile, etwa https://www.example.com. Nur Seiten dieser Origins dürfen das Portal zeigen und mit ihm kommunizieren.
console-settings-save-origins = Origins speichern
console-settings-origins-saved = { $count ->
        [one] { $count } erlaubte Origin gespeichert.
       *[other] { $count } erlaubte Origins gespeichert.
    }
console-settings-behaviour = Sitzungen, Wiedereröffnen, Suche und Sprache
console-settings-session-hours = Sitzungsdauer (Stunden, mindestens 1)
console-settings-reopen = Kunden können ein geschlossenes Ticket durch eine Antwort wieder eröffnen
console-settings-search-preview = Suchergebnisse zeigen eine Vorschauspalte
console-settings-default-language = Standardsprache
console-settings-default-language-hint = Das Portal spricht die Sprache jedes Kunden, wenn es kann, sonst diese; ebenso die Konsole. Begrüßung, Tickettypen und Attributnamen sind in ihr geschrieben.
console-settings-hours-number = die Sitzungsdauer muss eine ganze Zahl von Stunden sein, nicht „{ $value }“.
console-settings-hours-max = die Sitzungsdauer darf höchstens { $max } Stunden betragen.
console-settings-no-language = es gibt keine Sprache „{ $tag }“.
console-settings-behaviour-saved = Gespeichert. Neue Sitzungen gelten für die neue Dauer.
console-settings-types = Tickettypen
console-settings-types-hint = Einer pro Zeile, in der Reihenfolge, in der Kunden sie sehen (1 bis 50).
console-settings-save-types = Typen speichern
console-settings-types-saved = { $count ->
        [one] { $count } Tickettyp gespeichert.
       *[other] { $count } Tickettypen gespeichert.
    }
console-settings-attributes = Ticketattribute, die Kunden sehen
console-settings-attributes-hint = Eines pro Zeile: Schlüssel = angezeigter Name.
console-settings-save-attributes = Attribute speichern
console-settings-write-key-name = „{ $line }“: Schreiben Sie Schlüssel = angezeigter Name.
console-settings-attributes-saved = Kunden sehen { $count ->
        [one] { $count } Ticketattribut.
       *[other] { $count } Ticketattribute.
    }
console-settings-attachments = Anhänge
console-settings-max-files = Dateien pro Nachricht (0 bis 6)
console-settings-max-kb = Größte Datei (KB, bis 3072)
console-settings-save-limits = Grenzen speichern
console-settings-files-number = die Anzahl der Dateien muss eine ganze Zahl sein.
console-settings-size-number = die Dateigröße muss eine ganze Zahl sein.
console-settings-attachments-saved = Bis zu { $count ->
        [one] { $count } Datei
       *[other] { $count } Dateien
    } mit jeweils höchstens { $size }.
console-settings-storage = Dateien belegen { $used } der { $quota }, die dieser Arbeitsbereich speichern darf ({ $percent } %). Der Betreiber des Portals legt dieses Kontingent fest; darüber hinaus werden Uploads von Kunden abgelehnt.
console-settings-visibility = Sichtbarkeit von Tickets
console-settings-restricted = Einschränken, wer die Tickets seiner Unternehmen sieht
console-settings-visibility-hint = Bei Einschränkung sehen Kunden, die alle Bedingungen erfüllen, nur ihre eigenen Tickets und alle anderen auch die ihrer Unternehmen (keine Bedingungen: alle sehen nur ihre eigenen). Eine pro Zeile: Attribut Operator Wert, z. B. email ends_with @example.com. Attribute: { $fields } (nicht der Name des Kunden, den die Website nicht signiert); Operatoren: equals, contains, starts_with, ends_with.
console-settings-conditions = Bedingungen
console-settings-preview = Vorschau
console-settings-save-visibility = Sichtbarkeit speichern
console-settings-visibility-saved = Die Sichtbarkeitsregel ist gespeichert und für alle Kunden angewendet.
console-settings-audience = Wer das Portal nutzen darf
console-settings-audience-hint = Kunden, die alle Bedingungen erfüllen (keine: alle, die die Website verifiziert). Attribute: { $fields } (nicht der Name des Kunden, den die Website nicht signiert).
console-settings-save-audience = Zielgruppe speichern
console-settings-audience-saved = Die Zielgruppe ist gespeichert und für alle Kunden angewendet.
console-preview-audience = { $matching } von { $customers } Kunden erfüllen die Bedingungen.
console-preview-visibility = { $matching } von { $customers } Kunden sehen nur ihre eigenen Tickets.
console-preview-unavailable = Die Vorschau ist gerade nicht verfügbar.

## Translations

console-settings-translations = Übersetzungen
console-settings-translations-hint = Begrüßung, Tickettypen und Attributnamen, wie Kunden sie in anderen Sprachen lesen. Geschrieben sind sie auf { $language }, der Standardsprache; ein leeres Feld zeigt den Text, wie er geschrieben ist.
console-settings-translations-language = Sprache
console-settings-translations-show = Anzeigen
console-settings-translations-attributes = Ticketattribute
console-settings-save-translations = Übersetzungen speichern
console-settings-translations-default = { $language } ist die Standardsprache: Ihre Texte sind die oben geschriebenen.
console-settings-translations-saved = Die Texte auf { $language } sind gespeichert; das Portal zeigt sie beim nächsten Laden.

## Embed code

console-embed-status = Status
console-embed-is-enabled = Das Portal ist aktiviert.
console-embed-is-disabled = Das Portal ist deaktiviert.
console-embed-needs = Bevor es aktiviert werden kann, braucht es { $needs }.
console-embed-needs-origin = mindestens eine erlaubte Einbettungs-Origin (Portaleinstellungen)
console-embed-needs-secret = ein Geheimnis zur Identitätsprüfung (unten „Geheimnis erzeugen“)
console-embed-cannot-enable = Das Portal kann noch nicht aktiviert werden. Es braucht { $needs }.
console-embed-enable = Portal aktivieren
console-embed-disable = Portal deaktivieren
console-embed-enabled-done = Das Portal ist aktiviert. Kopieren Sie den Code unten in Ihre Website.
console-embed-disabled-done = Das Portal ist deaktiviert: Der Frame zeigt das an und öffnet keine Sitzung.
console-embed-sign-in = Wie sich Kunden anmelden
console-embed-is-hash-allowed = Ihre Website kann Kunden mit einem Verifizierungs-Hash oder mit einem signierten Token (JWT) anmelden.
console-embed-is-jwt-only = Nur signierte Tokens (JWT) melden Kunden an: Verifizierungs-Hashes werden abgelehnt.
console-embed-jwt-hint = Ein signiertes Token (JWT, HS256 mit dem Geheimnis unten) läuft innerhalb von 10 Minuten ab und meldet nur einmal an; ein kopiertes nützt niemandem.
console-embed-require-jwt = Nur signierte Tokens (JWT) annehmen
console-embed-allow-hash = Auch Verifizierungs-Hashes annehmen
console-embed-jwt-only-done = Jetzt melden nur signierte Tokens (JWT) Kunden an. Bereits offene Sitzungen laufen weiter.
console-embed-hash-allowed-done = Verifizierungs-Hashes melden Kunden wieder an, neben signierten Tokens.
console-embed-step-head = 1. Fügen Sie dies in den <head> Ihrer Seiten ein
console-embed-step-frame = 2. Platzieren Sie den Frame dort, wo das Portal erscheinen soll
console-embed-step-csp = 3. Erlauben Sie es in der Content-Security-Policy Ihrer Website
console-embed-step-sign = 4. Signieren Sie jeden Benutzer auf Ihrem Server
console-embed-step-sign-hint = Rufen Sie { $init } auf, sobald der Benutzer angemeldet ist, und { $stop }, wenn er sich abmeldet. Der Hash ist HMAC-SHA256 der E-Mail-Adresse mit dem Geheimnis, in Hex-Kleinbuchstaben; bewahren Sie das Geheimnis auf dem Server auf.
console-embed-copy = Kopieren
console-embed-copied = Kopiert
console-embed-secret = Geheimnis zur Identitätsprüfung
console-embed-generate-secret = Geheimnis erzeugen
console-embed-reveal-secret = Geheimnis anzeigen
console-embed-secret-exists = Der Arbeitsbereich hat bereits ein Geheimnis; rotieren Sie es, um es zu ersetzen.
console-embed-secret-generated = Ein neues Geheimnis wurde erzeugt. Hinterlegen Sie es in der Serverkonfiguration Ihrer Website.
console-embed-retiring = Ein früheres Geheimnis wird noch bis { $time } akzeptiert.
console-embed-overlap = Das alte Geheimnis gültig lassen für
console-embed-overlap-none = keine: altes Geheimnis sofort ablösen
console-embed-overlap-hours = { $hours ->
        [one] { $hours } Stunde
       *[other] { $hours } Stunden
    }
console-embed-overlap-days = { $days ->
        [one] { $days } Tag
       *[other] { $days } Tage
    }
console-embed-rotate = Geheimnis rotieren
console-embed-bad-overlap = Nichts wurde geändert: Wählen Sie eine Überlappung von { $hours } Stunden.
console-embed-rotated-now = Das Geheimnis wurde rotiert. Das alte wird nicht mehr akzeptiert, und seine Sitzungen wurden beendet.
console-embed-rotated-overlap = Das Geheimnis wurde rotiert. Das alte wird noch { $hours ->
        [one] { $hours } Stunde
       *[other] { $hours } Stunden
    } lang akzeptiert, dann abgelöst, und seine Sitzungen enden.

## Testing the portal as a customer

console-test-as-title = Als Kunde testen
console-test-as-hint = Öffnet das Portal hier als dieser Kunde, signiert mit dem Geheimnis des Arbeitsbereichs, genau wie Ihre Website ihn signieren würde.
console-test-as-open = Portal als dieser Kunde öffnen
console-test-as-no-secret = Der Arbeitsbereich hat noch kein Geheimnis: Erzeugen Sie eines auf der Seite „Einbettungscode“.
console-test-as-seeing = Sie sehen das Portal als { $email }. Was Sie hier tun, tun Sie als dieser Kunde.
console-test-as-frame = Das Portal, wie der Kunde es sieht

console-settings-form = Felder des Formulars für neue Tickets
console-settings-form-hint = Was Kunden beim Öffnen eines Tickets ausfüllen, als Ticket-Attribute; eines pro Zeile: key | Bezeichnung | text, number, date oder choice: A, B [| required]. Beispiel: plan | Tarif | choice: Free, Pro | required
console-settings-save-form = Formular speichern
console-settings-form-saved = { $count ->
        [one] { $count } Feld im Formular für neue Tickets.
       *[other] { $count } Felder im Formular für neue Tickets.
    }

## The standalone portal and customers' sessions

console-error-sign-in-url = die Anmeldeseite muss eine https://-Adresse sein (http:// nur auf localhost), ohne Leerzeichen, Anführungszeichen oder #, höchstens { $max } Zeichen.
console-error-portal-host = der Hostname muss ein DNS-Name wie support.example.com sein, optional mit Port.
console-settings-standalone = Eigenständiges Portal
console-settings-standalone-hint = Kunden können das Portal auch als eigene Website nutzen, unter { $address } oder unter einem eigenen Hostnamen.
console-settings-sign-in-url = Anmeldeseite Ihrer Website (eigene Anmeldung)
console-settings-sign-in-url-hint = Nicht angemeldete Besucher werden mit return_to dorthin geschickt; nach der Anmeldung leiten Sie sie an diese Adresse weiter, ergänzt um &jwt= und ein signiertes Token. Leer: keine eigene Anmeldung.
console-settings-new-tab = „In neuem Tab öffnen“ im eingebetteten Portal anbieten
console-settings-email-sign-in = Anmeldung mit einem einmaligen Code per E-Mail erlauben
console-settings-email-sign-in-hint = Nur Kundinnen und Kunden, die der Arbeitsbereich schon kennt, erhalten einen Code; die Antwort ist für jede Adresse dieselbe.
console-settings-email-sign-in-no-mail = Es ist kein SMTP-Server eingerichtet: Die Anmeldung per E-Mail bleibt aus, bis einer eingerichtet ist (smtp_url und mail_from).
console-settings-host = Eigener Hostname
console-settings-host-hint = Lassen Sie den Namen auf Ihren Reverse-Proxy zeigen, der TLS übernimmt und mit unverändertem Host-Header an das Portal weiterleitet. Leer: keiner.
console-settings-host-is-public = das ist die Adresse des Portals selbst; wählen Sie einen anderen Hostnamen.
console-settings-standalone-saved = Einstellungen des eigenständigen Portals gespeichert.
console-customer-sessions = Sitzungen
console-session-opened = Geöffnet
console-session-where = Wo
console-session-origin = Ursprung oder Host
console-session-browser = Browser
console-session-state = Status
console-session-embedded = Eingebettet
console-session-standalone = Eigenständig
console-session-live = Aktiv
console-session-ended = Beendet

## Email to customers

console-mail-failed = Die E-Mail zu einer Antwort konnte nicht zugestellt werden
console-mail-on = E-Mails an Kunden sind an: Sie erfahren von Antworten der Agenten.
console-mail-off = E-Mails an Kunden sind aus: Kein SMTP-Server ist eingerichtet (smtp_url und mail_from), daher wird nichts gesendet.

# The settings' mail card
console-settings-mail = E-Mail
console-settings-mail-from-name = Name des Absenders
console-settings-mail-reply-to = Antwortadresse
console-settings-mail-reply-to-hint = Leer: Antworten gehen an die Absenderadresse. Tragen Sie die Adresse Ihres Helpdesks ein, damit Antworten dort ankommen.
console-settings-mail-reply-to-inbound = Antworten kommen zum Portal zurück (inbound_address ist gesetzt) und landen in ihren Tickets; diese Adresse wird nicht verwendet.
console-settings-mail-saved = E-Mail-Einstellungen gespeichert.
console-error-sender-name = der Name des Absenders darf höchstens { $max } Zeichen lang sein, in einer Zeile.
console-error-reply-to = die Antwortadresse muss eine E-Mail-Adresse sein oder leer bleiben.
console-settings-site-page = Die Support-Seite der Website
console-settings-site-page-hint = Wo Links in E-Mails ein Ticket öffnen: Ihre Seite mit dem Rahmen des Portals (etwa https://app.acme.com/support); der Loader öffnet das mit #ticket= genannte Ticket. Leer: Links öffnen das eigenständige Portal.
console-error-site-page = die Support-Seite der Website muss eine https://-Adresse sein (http:// nur auf localhost), ohne Leerzeichen, Anführungszeichen oder #, höchstens { $max } Zeichen.
