# Slack: what the portal posts in a workspace's channel (in the
# workspace's default language), and the console's Slack section. Slack's
# own words (Bot User OAuth Token, Signing Secret, Event Subscriptions,
# Interactivity) are the names Slack's app settings show: keep them as
# Slack's pages in that language do.

## Posts in the channel

slack-post-new-ticket = Nuevo ticket n.º { $number }: { $title }
slack-post-from = De { $customer }
slack-post-company = Empresa: { $company }
slack-post-type = Tipo: { $type }
slack-post-close = Cerrar
slack-post-assign-me = Asignármelo
slack-post-customer-wrote = { $customer } escribió:
slack-post-status = Estado: { $status }
slack-post-escalated = Escalado: { $reason }
slack-post-test = Mensaje de prueba del portal de clientes: los nuevos tickets se publican en este canal.

## The console's Slack section

console-slack-heading = Slack
console-slack-intro = Los nuevos tickets del portal se publican en un canal; los agentes responden en el hilo del ticket. Cree una aplicación de Slack con los scopes de bot chat:write, channels:read, groups:read y users:read.email, instálela e invítela al canal.
console-slack-token = Bot User OAuth Token (xoxb-…)
console-slack-signing-secret = Signing Secret
console-slack-connect = Conectar Slack
console-slack-connected = Slack está conectado. Elija el canal en el que se publican los nuevos tickets.
console-slack-urls = En los ajustes de la aplicación, configure Event Subscriptions (los eventos de bot message.channels y message.groups) con { $events } e Interactivity con { $interactions }.
console-slack-channel = Canal
console-slack-no-channel = No se ha elegido ningún canal: aún no se publica nada.
console-slack-channels-failed = No se pudo leer la lista de canales de Slack: { $error }
console-slack-note-prefix = Una respuesta en el hilo que empiece por esto es una nota interna
console-slack-save = Guardar
console-slack-saved = Guardado.
console-slack-test = Enviar un mensaje de prueba
console-slack-test-sent = El mensaje de prueba se ha publicado.
console-slack-test-failed = Slack rechazó el mensaje de prueba: { $error }
console-slack-disconnect = Desconectar Slack
console-slack-disconnected = Slack está desconectado; las publicaciones pendientes se descartan.
console-slack-bad-token = el token del bot debe empezar por xoxb- y no contener espacios.
console-slack-bad-secret = el Signing Secret debe tener los 32 caracteres hexadecimales que muestra Slack.
console-slack-bad-channel = elija uno de los canales del bot.
console-slack-bad-prefix = el prefijo de nota debe tener de 1 a 20 caracteres, sin espacios.
console-slack-not-connected = Slack no está conectado.
console-slack-member-id = Su ID de miembro de Slack (Slack: su perfil, ⋮, Copiar ID de miembro)
console-slack-member-linked = Sus respuestas en los hilos de Slack se publican en su nombre.
console-slack-member-bad = un ID de miembro de Slack es una U o una W seguida de letras y dígitos.
