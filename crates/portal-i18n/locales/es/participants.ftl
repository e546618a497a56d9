# Ticket participants: the customers besides its creator who take part in
# a ticket. What the frame says first, then the console.

## The frame: a company member who reads a ticket without taking part

join-hint = Puede leer este ticket porque pertenece a su empresa. Únase a la conversación para responder.
join-button = Unirse a la conversación
error-not-participant = Únase a esta conversación para responder.

## The console: a ticket's participants

console-participants-title = Participantes
console-participants-hint = Clientes, además de quien abrió el ticket, que participan en él: lo ven en su portal y pueden responder. Las notas internas siguen ocultas para ellos.
console-participants-none = Todavía no participa nadie más en este ticket.
console-participant-how = Añadido por
console-participant-since = Desde
console-participant-added-by-agent = Un agente
console-participant-joined = Sí mismo, desde el portal
console-participant-actions = Acciones
console-participant-remove = Quitar
console-participant-remove-label = Quitar a { $email } de los participantes
console-participant-email = Correo electrónico del cliente
console-participant-add = Añadir participante
console-participant-add-or-remove = indique el correo de un cliente para añadirlo, o de un participante para quitarlo.
console-participant-added = Añadido. Ahora ve este ticket en su portal y puede responder.
console-participant-already = Ya participa en este ticket; no se cambió nada.
console-participant-removed = Quitado. Ahora solo ve este ticket si la regla de visibilidad se lo muestra.
console-participant-was-not = No era participante; no se cambió nada.
console-store-no-customer = no existe el cliente { $email }.
console-store-creator-takes-part = este cliente abrió el ticket y ya participa en él.
console-store-not-participant = el cliente debe unirse primero al ticket.
