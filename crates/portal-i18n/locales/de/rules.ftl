# The console's Rules page: assignment and escalation rules, and the
# inbox's escalation filter and badge.

console-nav-rules = Regeln
console-rules-title = Regeln
console-escalated-badge = Eskaliert
console-inbox-escalated = Nur eskalierte

## Assignment

console-rules-assignment-heading = Zuweisung
console-rules-assignment-intro = Wenn ein Ticket eröffnet wird (über das Portal, die API oder per E-Mail), weist die erste Regel, die darauf passt, es zu.
console-rules-none = Noch keine Regeln.
console-rules-col-name = Regel
console-rules-col-when = Wann
console-rules-col-then = Dann
console-rules-any-ticket = jedes Ticket
console-rules-up = Nach oben
console-rules-remove = Entfernen
console-rules-preview = Vorschau
console-rules-add = Regel hinzufügen
console-rules-name = Name
console-rules-type = Tickettyp
console-rules-any-type = Jeder Typ
console-rules-company = Unternehmensschlüssel (leer: jedes)
console-rules-channel = Kanal
console-rules-any-channel = Jeder Kanal
console-rules-customer = Bedingungen an den Kunden, eine pro Zeile (wie bei der Zielgruppe)
console-rules-assign-to = Zuweisen an
console-rules-round-robin = Oder abwechselnd an (pausierte Konten werden übersprungen)
console-rules-assign-agent = Zuweisen an { $agent }
console-rules-assign-turns = Abwechselnd zuweisen an { $agents }
console-rules-matches = Von den neuesten Tickets { $count ->
    [0] hätte keines gepasst.
    [one] hätte eines gepasst:
   *[other] hätten { $count } gepasst:
}

## Escalation

console-rules-escalation-heading = Eskalation
console-rules-escalation-intro = Die Regeln werden alle paar Sekunden geprüft; jede greift einmal pro Ticket.
console-rules-trigger = Wann
console-rules-no-first-reply = Keine Antwort eines Agenten innerhalb von (Minuten)
console-rules-customer-waiting = Der Kunde wartet seit (Minuten)
console-rules-minutes = Minuten
console-rules-mark = Als eskaliert markieren
console-rules-reassign = Neu zuweisen an
console-rules-no-reassign = Niemand (beibehalten)
console-rules-post-to-slack = In Slack posten
console-rules-when-no-reply = keine Antwort eines Agenten innerhalb von { $minutes } Min.
console-rules-when-waiting = der Kunde hat { $minutes } Min. gewartet
console-rules-then-mark = als eskaliert markieren
console-rules-then-reassign = neu zuweisen an { $agent }
console-rules-then-slack = in Slack posten
console-rules-due-now = Jetzt fällig: { $count ->
    [0] kein Ticket.
    [one] ein Ticket:
   *[other] { $count } Tickets:
}

## Results

console-rules-added = Die Regel wurde hinzugefügt.
console-rules-removed = Die Regel wurde entfernt.
console-rules-moved = Die Regel wurde nach oben verschoben.
console-rules-no-such = diese Regel gibt es nicht.
console-rules-no-agent = wählen Sie einen Agenten oder mehrere Agenten, die sich abwechseln.
console-rules-bad-minutes = die Wartezeit muss eine ganze Zahl von Minuten zwischen 1 und 86400 sein.

## Business hours

console-hours-heading = Geschäftszeiten
console-hours-intro = Wartezeiten der Eskalation zählen nur innerhalb dieser Zeiten, in der Zeitzone des Arbeitsbereichs. Ohne sie zählt jede Minute.
console-hours-none = Nicht festgelegt: Jede Minute zählt.
console-hours-zone = Zeitzone (etwa Europe/Berlin)
console-hours-days = Tage
console-hours-opens = Öffnet um
console-hours-closes = Schließt um
console-hours-save = Geschäftszeiten speichern
console-hours-clear = Jede Minute zählt
console-hours-saved = Die Geschäftszeiten wurden gespeichert.
console-hours-cleared = Jede Minute zählt wieder.
console-day-mon = Montag
console-day-tue = Dienstag
console-day-wed = Mittwoch
console-day-thu = Donnerstag
console-day-fri = Freitag
console-day-sat = Samstag
console-day-sun = Sonntag

## Why a rule was refused

console-rules-bad-name = eine Regel braucht einen Namen mit höchstens 100 Zeichen.
console-rules-empty-group = wählen Sie mindestens einen Agenten für die abwechselnde Zuweisung.
console-rules-no-action = eine Eskalationsregel muss etwas bewirken: als eskaliert markieren, neu zuweisen oder in Slack posten.
console-rules-customer-filter = eine Eskalationsregel filtert nur nach Tickettyp und Unternehmen.
console-rules-bad-channel = der Kanal muss portal, api oder email sein.
console-hours-bad-zone = { $zone } ist keine Zeitzone: verwenden Sie einen Namen wie Europe/Berlin.
console-hours-bad-hours = wählen Sie mindestens einen Tag und eine Öffnungszeit vor der Schließzeit.
