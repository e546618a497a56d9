# What customers read: the frame (and the standalone portal and e-mails as
# they come). Arguments: $n is a number already written in the language's
# digits; $count the same number, for choosing a plural form.

## The frame around the pages

page-title = Soporte
frame-loading = Cargando…
frame-waiting = Inicie sesión en el sitio para ver sus tickets.
frame-not-embedded = Este portal de soporte se abre dentro del sitio web de la empresa.
frame-verifying = Verificando su identidad…
frame-signed-out = Se ha cerrado la sesión.
frame-signed-in-as = Sesión iniciada como
frame-no-page = Esta página no existe.

## The ticket list

list-tab-all = Todos
list-tab-mine = Creados por mí
new-ticket = Nuevo ticket
list-search = Buscar tickets
list-search-button = Buscar
list-sort = Ordenar
list-filters = Filtros
list-any = Cualquiera
list-created-by = Creado por
list-email = correo electrónico
list-apply = Aplicar
list-range-created = Fecha de creación
list-range-created-from = Creado desde
list-range-created-to = Creado hasta
list-range-updated = Fecha de actualización
list-range-updated-from = Actualizado desde
list-range-updated-to = Actualizado hasta
list-range-to = a
list-clear = Borrar la búsqueda y los filtros
list-no-more = No hay más tickets.
list-no-match = Ningún ticket coincide.
list-none-yet = Todavía no tiene tickets.
list-preview = Vista previa
list-first-page = ← Primera página
list-next-page = Página siguiente →
list-tabs-label = Qué tickets
list-pages-label = Páginas

sort-relevance = Más relevantes
sort-updated-descending = Última actualización, más recientes primero
sort-updated-ascending = Última actualización, más antiguos primero
sort-created-descending = Creación, más recientes primero
sort-created-ascending = Creación, más antiguos primero
sort-number-descending = Número, de mayor a menor
sort-number-ascending = Número, de menor a mayor
sort-type-ascending = Tipo, de la A a la Z
sort-type-descending = Tipo, de la Z a la A
sort-state-ascending = Estado, abiertos primero
sort-state-descending = Estado, cerrados primero

## A ticket

ticket-number = N.º
ticket-title = Título
ticket-type = Tipo
ticket-state = Estado
ticket-channel = Canal
ticket-created = Creado
ticket-updated = Última actualización
status-open = Abierto
status-in_progress = En curso
status-on_hold = En espera
status-closed = Cerrado
author-customer = Cliente
author-agent = Soporte
back-to-list = ← Todos los tickets

## Replying and opening tickets

reply-label = Respuesta
reply-send = Enviar
reply-sending = Enviando…
reply-sent = Enviada
reply-not-sent = No enviada
reply-retry = Reintentar
reply-closed = Este ticket está cerrado. Para hacer una nueva consulta,
reply-closed-open-new = abra un ticket nuevo.
reply-closed-reopens = Este ticket está cerrado. Si responde, se volverá a abrir.
reply-reopen = Reabrir
new-ticket-description = ¿En qué podemos ayudarle?
new-ticket-create = Crear ticket

## Files

files-attach = Adjuntar archivos
files-hint = { $count ->
        [one] { $count } archivo de hasta { $size }: { $kinds }
       *[other] Hasta { $count } archivos de { $size } como máximo cada uno: { $kinds }
    }
files-remove = Quitar
files-uploading = { $name } — subiendo…

## What screen readers hear when a page changes by itself

live-new-message = Nuevo mensaje de { $name }
live-ticket-changed = Este ticket se ha actualizado.
live-list-changed = Sus tickets se han actualizado.

## Times and sizes

time-now = ahora mismo
time-now-short = ahora
time-minutes-ago = hace { $n } min
time-hours-ago = hace { $n } h
time-days-ago = hace { $n } d
time-minutes-short = { $n } min
time-hours-short = { $n } h
time-days-short = { $n } d
time-utc = { $time } UTC
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## What went wrong, as the frame says it

error-not-verified = No se ha podido verificar su identidad. Vuelva a iniciar sesión en el sitio.
error-token-malformed = El sitio ha enviado un token de inicio de sesión que no es un JWT válido. Vuelva a iniciar sesión en el sitio.
error-token-algorithm = El token de inicio de sesión del sitio debe estar firmado con HS256. Vuelva a iniciar sesión en el sitio.
error-token-claim = Al token de inicio de sesión del sitio le falta una declaración «{ $name }» válida. Vuelva a iniciar sesión en el sitio.
error-token-audience = Este token de inicio de sesión es para otro portal de soporte. Vuelva a iniciar sesión en el sitio.
error-token-future = Este token de inicio de sesión tiene una fecha futura; puede que el reloj del sitio esté mal. Vuelva a iniciar sesión en el sitio.
error-token-too-long = Este token de inicio de sesión es válido durante más de 10 minutos, y este portal de soporte no lo acepta. Vuelva a iniciar sesión en el sitio.
error-token-expired = Su token de inicio de sesión ha caducado. Vuelva a iniciar sesión en el sitio.
error-token-replayed = Este token de inicio de sesión ya se ha utilizado. Vuelva a iniciar sesión en el sitio.
error-token-required = Este portal de soporte solo acepta tokens de inicio de sesión firmados (JWT). Vuelva a iniciar sesión en el sitio.
error-session-ended = Su sesión ha finalizado. Vuelva a iniciar sesión en el sitio.
error-unknown-workspace = Este portal de soporte no existe.
error-not-enabled = Este portal de soporte aún no está activado.
error-not-found = Este ticket no existe.
error-page-not-found = Esta página no existe.
error-ticket-closed = Este ticket está cerrado y los tickets cerrados no se pueden reabrir aquí. Abra un ticket nuevo.
error-key-reused = Esta respuesta ya se envió con otro texto. Recargue la página para verla o envíela de nuevo como una respuesta nueva.
error-origin-not-allowed = Este sitio no tiene permiso para mostrar el portal de soporte.
error-no-access = No tiene acceso a este portal de soporte. Si cree que debería tenerlo, póngase en contacto con la empresa.
error-rate-limited = Se están enviando mensajes más rápido de lo que permite este portal de soporte. Vuelva a intentarlo dentro de { $seconds ->
        [one] un segundo
       *[other] { $seconds } segundos
    }.
error-storage-full = Este portal de soporte no tiene espacio para más archivos. Envíe su mensaje sin archivos o póngase en contacto con la empresa.
error-unavailable = El portal de soporte no está disponible temporalmente. Vuelva a intentarlo en unos instantes.
error-internal = Se ha producido un error por nuestra parte. Vuelva a intentarlo.
error-network = No se ha podido conectar con el portal de soporte. Compruebe su conexión y vuelva a intentarlo.
error-malformed = La solicitud no tiene un formato válido.

## Which company a new ticket is for

new-ticket-company = Empresa
new-ticket-choose-company = Elija la empresa a la que corresponde este ticket.

## The customer's account and the standalone portal

error-code-used = Este enlace de inicio de sesión ha caducado o ya se usó. Vuelva a abrir el portal desde el sitio.
frame-open-new-tab = Abrir en una pestaña nueva
frame-sign-out = Cerrar sesión
account-signed-out-everywhere = Ha cerrado sesión en todas partes.
account-link = Su cuenta
account-title = Su cuenta
account-sessions = Dónde ha iniciado sesión
account-when = Cuándo
account-where = Dónde
account-origin = Sitio
account-browser = Navegador
account-state = Estado
account-event = Qué
account-session-live = Sesión iniciada
account-session-ended = Finalizada
account-embedded = En el sitio de la empresa
account-standalone = Portal de soporte
account-sign-out-everywhere = Cerrar sesión en todas partes
account-data = Sus datos
account-data-hint = Su perfil, los tickets que abrió con sus mensajes públicos y la lista de sus archivos.
account-download-json = Descargar mis datos (JSON)
account-download-files = Descargar mis datos con los archivos (zip)
account-log = Registro de accesos
account-event-signed-in = Inicio de sesión
account-event-refused = Inicio de sesión rechazado
account-event-exported = Datos descargados
account-event-signed-out-everywhere = Cierre de sesión en todas partes
standalone-sign-in-from-site = Para ver sus tickets, inicie sesión en el sitio de la empresa y abra el portal de soporte desde allí.
standalone-sign-in-again = Volver a iniciar sesión
standalone-cross-site = Esta solicitud no procede de las páginas del portal de soporte, así que no se hizo nada.

## Email to customers

mail-reply-subject = Nueva respuesta a su ticket n.º { $number }: { $title }
mail-reply-intro = { $author } respondió a su ticket n.º { $number }:
mail-reply-open = Abrir el ticket
mail-reply-footer = Recibe este correo porque tiene un ticket de soporte con { $workspace }.
mail-unsubscribe = Darse de baja
mail-unsubscribe-ask = ¿Dejar de recibir un correo cuando alguien responda a sus tickets? Puede volver a activarlo en su cuenta.
mail-unsubscribed = Listo: ya no recibirá correos sobre respuestas a sus tickets.
mail-unsubscribe-unknown = Este enlace para darse de baja no es válido.
account-email = Correo
account-email-on = Recibe un correo cuando alguien responde a sus tickets.
account-email-off = No recibe correo cuando alguien responde a sus tickets.
account-email-turn-off = Desactivar el correo
account-email-turn-on = Activar el correo

# Email sign-in (standalone portal)
email-sign-in-intro = Escribe tu dirección de correo y te enviaremos un código para iniciar sesión.
email-sign-in-email = Dirección de correo
email-sign-in-send = Enviarme un código
email-sign-in-sent = Si { $email } puede usar este portal, le hemos enviado un código. Sirve una vez, durante 15 minutos.
email-sign-in-code = Código del correo
email-sign-in-submit = Iniciar sesión
email-sign-in-wrong = Este código no es correcto o ha caducado. Revisa el último correo o pide un código nuevo.
email-sign-in-new-code = Enviar un código nuevo
email-sign-in-site = Iniciar sesión en el sitio web de la empresa
email-sign-in-link-used = Este enlace de inicio de sesión ya se usó o ha caducado. Pide un código nuevo.
email-sign-in-bad-email = Esto no es una dirección de correo.
email-sign-in-wait = Se han pedido demasiados códigos. Vuelve a intentarlo en unos minutos.
mail-sign-in-subject = Tu código para iniciar sesión en { $workspace }
mail-sign-in-intro = Escribe este código en la página de inicio de sesión. Sirve una vez, durante 15 minutos:
mail-sign-in-open = O inicia sesión con este enlace
mail-sign-in-ignore = Si no has pedido iniciar sesión, puedes ignorar este correo.
