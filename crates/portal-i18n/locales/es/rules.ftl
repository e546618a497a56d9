# The console's Rules page: assignment and escalation rules, and the
# inbox's escalation filter and badge.

console-nav-rules = Reglas
console-rules-title = Reglas
console-escalated-badge = Escalado
console-inbox-escalated = Solo escalados

## Assignment

console-rules-assignment-heading = Asignación
console-rules-assignment-intro = Cuando se abre un ticket (desde el portal, la API o el correo electrónico), lo asigna la primera regla con la que coincide.
console-rules-none = Aún no hay reglas.
console-rules-col-name = Regla
console-rules-col-when = Cuándo
console-rules-col-then = Entonces
console-rules-any-ticket = cualquier ticket
console-rules-up = Subir
console-rules-remove = Eliminar
console-rules-preview = Vista previa
console-rules-add = Añadir regla
console-rules-name = Nombre
console-rules-type = Tipo de ticket
console-rules-any-type = Cualquier tipo
console-rules-company = Clave de empresa (vacía: cualquiera)
console-rules-channel = Canal
console-rules-any-channel = Cualquier canal
console-rules-customer = Condiciones del cliente, una por línea (como para la audiencia)
console-rules-assign-to = Asignar a
console-rules-round-robin = O por turnos entre (se omiten las cuentas en pausa)
console-rules-assign-agent = Asignar a { $agent }
console-rules-assign-turns = Asignar por turnos a { $agents }
console-rules-matches = De los últimos tickets, { $count ->
    [0] ninguno habría coincidido.
    [one] uno habría coincidido:
    [many] { $count } habrían coincidido:
   *[other] { $count } habrían coincidido:
}

## Escalation

console-rules-escalation-heading = Escalado
console-rules-escalation-intro = Las reglas se comprueban cada pocos segundos; cada una se aplica una sola vez por ticket.
console-rules-trigger = Cuándo
console-rules-no-first-reply = Sin respuesta de un agente en (minutos)
console-rules-customer-waiting = El cliente lleva esperando (minutos)
console-rules-minutes = Minutos
console-rules-mark = Marcar como escalado
console-rules-reassign = Reasignar a
console-rules-no-reassign = Nadie (mantener)
console-rules-post-to-slack = Publicar en Slack
console-rules-when-no-reply = sin respuesta de un agente en { $minutes } min
console-rules-when-waiting = el cliente esperó { $minutes } min
console-rules-then-mark = marcar como escalado
console-rules-then-reassign = reasignar a { $agent }
console-rules-then-slack = publicar en Slack
console-rules-due-now = Vencen ahora: { $count ->
    [0] ningún ticket.
    [one] un ticket:
    [many] { $count } de tickets:
   *[other] { $count } tickets:
}

## Results

console-rules-added = La regla se ha añadido.
console-rules-removed = La regla se ha eliminado.
console-rules-moved = La regla se ha subido.
console-rules-no-such = esa regla no existe.
console-rules-no-agent = elija un agente, o varios agentes que se turnen.
console-rules-bad-minutes = la espera debe ser un número entero de minutos entre 1 y 86400.

## Business hours

console-hours-heading = Horario laboral
console-hours-intro = Las esperas de escalado solo cuentan dentro de este horario, en la zona horaria del espacio de trabajo. Sin él, cuentan todos los minutos.
console-hours-none = Sin definir: cuentan todos los minutos.
console-hours-zone = Zona horaria (por ejemplo Europe/Berlin)
console-hours-days = Días
console-hours-opens = Apertura
console-hours-closes = Cierre
console-hours-save = Guardar horario
console-hours-clear = Contar todos los minutos
console-hours-saved = El horario laboral se ha guardado.
console-hours-cleared = Vuelven a contar todos los minutos.
console-day-mon = lunes
console-day-tue = martes
console-day-wed = miércoles
console-day-thu = jueves
console-day-fri = viernes
console-day-sat = sábado
console-day-sun = domingo

## Why a rule was refused

console-rules-bad-name = una regla necesita un nombre de 100 caracteres como máximo.
console-rules-empty-group = elija al menos un agente para asignar por turnos.
console-rules-no-action = una regla de escalado debe hacer algo: marcar como escalado, reasignar o publicar en Slack.
console-rules-customer-filter = una regla de escalado solo filtra por tipo de ticket y empresa.
console-rules-bad-channel = el canal debe ser portal, api o email.
console-hours-bad-zone = { $zone } no es una zona horaria: use un nombre como Europe/Berlin.
console-hours-bad-hours = elija al menos un día y una hora de apertura anterior a la de cierre.
