# Why a value was refused: read in the frame and in the console.

invalid-email-missing = Die E-Mail-Adresse fehlt.
invalid-email-too-long = Die E-Mail-Adresse ist länger als { $max } Zeichen.
invalid-email = Die E-Mail-Adresse ist ungültig.
invalid-email-case = Die E-Mail-Adresse enthält ein Zeichen, das bei geänderter Groß-/Kleinschreibung zu einem anderen Buchstaben wird (etwa das Kelvin-Zeichen, das zu k wird), und könnte daher mit einer anderen Adresse verwechselt werden.
invalid-name-too-long = Der Name ist länger als { $max } Zeichen.
invalid-name-control = Der Name enthält Steuerzeichen.
invalid-slug = Der Name des Arbeitsbereichs muss 1 bis { $max } Zeichen lang sein und darf nur a-z, 0-9 und '-' enthalten.
invalid-origin = '{ $origin }' ist kein Origin: Verwenden Sie scheme://host[:port] mit http oder https und ohne weitere Angaben danach.
invalid-origin-count = Es können höchstens { $max } Origins zugelassen werden.
invalid-session-lifetime = Die Sitzungsdauer muss mindestens eine Stunde betragen.
invalid-title-empty = Der Titel darf nicht leer sein.
invalid-message-empty = Die Nachricht darf nicht leer sein.
invalid-message-too-long = Die Nachricht ist { $got } Zeichen lang; erlaubt sind höchstens { $max }.
invalid-title-too-long = Der Titel ist { $got } Zeichen lang; erlaubt sind höchstens { $max }.
invalid-idempotency-key = Der Idempotenzschlüssel muss 8 bis 64 Zeichen lang sein und darf nur a-z, A-Z, 0-9, '-' und '_' enthalten.
invalid-type-count = Ein Arbeitsbereich hat 1 bis { $max } Tickettypen, nicht { $got }.
invalid-type-length = Ein Tickettyp muss 1 bis { $max } Zeichen lang sein: „{ $name }“.
invalid-type-control = Ein Tickettyp darf keine Steuerzeichen enthalten: „{ $name }“.
invalid-type-repeated = Der Tickettyp „{ $name }“ ist doppelt aufgeführt.
invalid-token-name = Der Name eines API-Tokens muss 1 bis { $max } Zeichen lang sein und darf keine Steuerzeichen enthalten.

list-error-search-too-long = Eine Suche darf höchstens { $max } Zeichen lang sein.
list-error-search-no-words = Suchen Sie nach mindestens einem Buchstaben oder einer Ziffer.
list-error-state = „{ $value }“ ist kein Ticketstatus.
list-error-type = „{ $value }“ ist kein Tickettyp dieses Portals.
list-error-date = „{ $value }“ ist kein Datum: Verwenden Sie YYYY-MM-DD.
list-error-created-reversed = Der Erstellungszeitraum endet, bevor er beginnt.
list-error-updated-reversed = Der Aktualisierungszeitraum endet, bevor er beginnt.
list-error-sort = „{ $value }“ ist keine gültige Sortierung für Tickets.
list-error-creator = „{ $value }“ ist keine E-Mail-Adresse.
list-error-page-size = Die Seitengröße muss eine ganze Zahl sein.
list-error-cursor = Dieser Seitenlink ist beschädigt. Beginnen Sie erneut auf der ersten Seite.

file-error-no-name = Die Datei hat keinen Namen.
file-error-name-too-long = { $name }: Der Name ist länger als { $max } Zeichen.
file-error-separator = { $name }: Dateinamen dürfen weder '/' noch '\' enthalten.
file-error-control = { $name }: Dateinamen dürfen keine Steuerzeichen enthalten.
file-error-kind = { $name }: Dieser Dateityp ist nicht erlaubt (erlaubt: { $allowed }).
file-error-empty = { $name }: Die Datei ist leer.
file-error-too-large = { $name }: Die Datei ist größer als { $limit }.
file-error-mismatch = { $name }: Der Inhalt ist keine { $kind }-Datei, auch wenn der Name das nahelegt.
file-error-too-many = { $max ->
        [one] An eine Nachricht kann höchstens { $max } Datei angehängt werden.
       *[other] An eine Nachricht können höchstens { $max } Dateien angehängt werden.
    }
file-error-disabled = Dieser Arbeitsbereich akzeptiert keine Anhänge.

form-error-unknown = Dieses Formular hat kein Feld „{ $field }“.
form-error-required = Bitte füllen Sie „{ $field }“ aus.
form-error-too-long = „{ $field }“ darf höchstens { $max } Zeichen lang sein.
form-error-number = „{ $field }“ muss eine Zahl sein.
form-error-date = „{ $field }“ muss ein Datum sein (JJJJ-MM-TT).
form-error-choice = Bitte wählen Sie eine der Optionen für „{ $field }“.
