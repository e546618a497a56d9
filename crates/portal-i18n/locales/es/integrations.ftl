# The console's Integrations page: webhooks, Slack, and the rules that
# route and escalate tickets. Event type names (ticket.created, ...) are
# identifiers: they stay in English.

console-nav-integrations = Integraciones
console-integrations-title = Integraciones

## Webhooks

console-webhooks-heading = Webhooks
console-webhooks-intro = Cada endpoint recibe una solicitud JSON firmada cuando cambia un ticket, un mensaje o un cliente. Consulte la documentación para verificar la firma.
console-webhooks-none = Aún no hay endpoints.
console-webhooks-col-url = URL
console-webhooks-col-events = Eventos
console-webhooks-col-state = Estado
console-webhooks-enabled = Activado
console-webhooks-failing = Con fallos desde el { $since }
console-webhooks-disabled = Desactivado: { $reason }
console-webhooks-disabled-alert = El webhook a { $url } se desactivó: { $reason }. Vuelva a activarlo cuando el endpoint funcione; entonces se enviarán las entregas pendientes.
console-webhooks-log = Entregas
console-webhooks-enable = Activar
console-webhooks-disable = Desactivar
console-webhooks-rotate = Nuevo secreto
console-webhooks-remove = Eliminar
console-webhooks-add-heading = Añadir un endpoint
console-webhooks-url = URL (https://)
console-webhooks-events = Eventos
console-webhooks-event-ticket-created = Se abrió un ticket
console-webhooks-event-ticket-updated = Cambió el estado o los participantes de un ticket
console-webhooks-event-message-created = Se escribió un mensaje
console-webhooks-event-customer-created = Se vio a un cliente por primera vez
console-webhooks-include-notes = Enviar también las notas internas de los agentes
console-webhooks-add = Añadir endpoint
console-webhooks-added = Añadido. Su secreto, que solo se muestra ahora: { $secret }
console-webhooks-rotated = El secreto anterior ya no firma nada. El nuevo, que solo se muestra ahora: { $secret }
console-webhooks-now-enabled = Activado. Las entregas pendientes salen ahora.
console-webhooks-now-disabled = Desactivado. No se registra nada para él hasta que se vuelva a activar.
console-webhooks-removed = Eliminado, junto con su registro de entregas.
console-webhooks-no-such = ese endpoint no existe.
console-webhooks-bad-url = la URL debe ser una dirección https:// sin nombre de usuario, de 2000 caracteres como máximo.
console-webhooks-private-url = la URL está en una red privada, de loopback o de enlace local, a la que este servidor no envía.
console-webhooks-no-events = elija al menos un evento.
console-webhooks-back = ← Integraciones
console-webhooks-log-title = Entregas a { $url }
console-webhooks-log-none = Aún no se ha enviado nada a este endpoint.
console-webhooks-col-event = Evento
console-webhooks-col-ticket = Ticket
console-webhooks-col-when = Cuándo
console-webhooks-col-attempts = Intentos
console-webhooks-col-answer = Respuesta
console-webhooks-state-pending = En espera
console-webhooks-state-delivered = Entregada
console-webhooks-state-failed = Fallida
console-webhooks-redeliver = Volver a enviar
console-webhooks-redelivered = Se vuelve a enviar en unos segundos, con el mismo ID de evento.
