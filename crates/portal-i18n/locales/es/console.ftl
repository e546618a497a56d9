# What agents and admins read: the console. A reason ($reason, and the
# messages that say why something was refused) is a clause that follows a
# lead such as "Nothing was changed:" and ends with its own full stop.
# Arguments: $count and $minutes are numbers (they choose plural forms);
# $n, $matching, $customers and $percent are numbers already written in the
# language's digits.

## The frame of every page

console-brand = Consola de soporte
console-page-title = { $page } · Consola de soporte
console-nav-inbox = Bandeja de entrada
console-nav-customers = Clientes
console-nav-companies = Empresas
console-nav-settings = Ajustes del portal
console-nav-embed = Código de inserción
console-nav-accounts = Cuentas
console-nav-your-account = Su cuenta
console-nav-who = { $name } ({ $role })
console-sign-out = Cerrar sesión
console-role-admin = admin
console-role-agent = agente
console-problem-title = No es posible
console-save = Guardar
console-saved = Guardado.
console-next-page = Página siguiente
console-nobody = Nadie
console-none = Ninguna
console-list-and = { $first } y { $second }

## Words shared by tables and forms

console-col-title = Título
console-col-state = Estado
console-col-type = Tipo
console-col-customer = Cliente
console-col-company = Empresa
console-col-assignee = Asignado a
console-col-updated = Actualizado
console-col-email = Correo electrónico
console-col-name = Nombre
console-col-companies = Empresas
console-col-tickets = Tickets
console-col-access = Acceso
console-col-key = Clave
console-col-members = Miembros
console-col-role = Rol
console-col-since = Desde

## Leads before a reason

console-nothing-changed = No se cambió nada: { $reason }
console-nothing-sent = No se envió nada: { $reason }
console-nothing-to-open = Nada que abrir: { $reason }
console-inbox-refused = Esta lista no se puede mostrar: { $reason }

## Signing in

console-sign-in = Iniciar sesión
console-login-workspace = Espacio de trabajo
console-login-email = Correo electrónico
console-login-password = Contraseña
console-sign-in-wrong = El espacio de trabajo, el correo electrónico o la contraseña no son correctos.
console-sign-in-paused = Esta cuenta está en pausa; un admin del espacio de trabajo puede reanudarla.
console-sign-in-held = Demasiados inicios de sesión fallidos desde aquí. Vuelva a intentarlo en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.
console-busy = Ahora mismo se están comprobando muchas contraseñas. Vuelva a intentarlo en unos segundos.
console-unavailable = La consola no está disponible temporalmente.
console-cross-site = Este formulario debe enviarse desde las páginas de la consola.
console-admins-only = Solo los admins pueden abrir esta página.

## What the store refused or could not do

console-store-no-company = no existe la empresa { $key }.
console-store-key-reused = este mensaje ya se envió con otro texto.
console-store-ticket-closed = el ticket está cerrado.
console-store-not-found = no existe.
console-store-unavailable = la base de datos no está disponible ahora mismo; no se cambió nada.
console-store-failed = algo salió mal en el servidor (su registro indica qué); no se cambió nada.
console-workspace-gone = Este espacio de trabajo ya no existe.
console-no-such-action = no existe la acción «{ $action }».

## The inbox

console-inbox-title = Bandeja de entrada
console-inbox-search = Buscar tickets
console-inbox-any-state = Cualquier estado
console-inbox-any-type = Cualquier tipo
console-inbox-anyone = Cualquiera
console-inbox-me = Yo
console-inbox-company-key = Clave de empresa
console-inbox-sort = Orden
console-inbox-default-order = Orden predeterminado
console-inbox-show = Mostrar
console-inbox-empty = Ningún ticket coincide.
console-inbox-no-such-account = no existe la cuenta «{ $id }» para filtrar.
console-preview-author = { $author }:

## A ticket

console-ticket-title = Ticket n.º { $number }
console-ticket-gone = Este ticket no existe.
console-back-to-inbox = ← Bandeja de entrada
console-ticket-opened = Abierto
console-ticket-channel = Canal
console-internal-note = Nota interna
console-author-customer = cliente
console-author-agent = agente
console-composer-placeholder = Escriba una respuesta o una nota que solo ven los agentes
console-composer-reply = Responder al cliente
console-composer-note = Añadir nota interna
console-composer-choose = Elija responder o añadir una nota.
console-ticket-no-state = no existe el estado «{ $state }».
console-ticket-no-account = aquí no existe la cuenta { $id }.

## Customers

console-customers-title = Clientes
console-customers-search = Correo electrónico o nombre
console-customers-find = Buscar
console-customers-active = activo
console-customers-disabled = desactivado
console-customers-outside = fuera de la audiencia
console-customer-title = Cliente
console-customer-gone = Este cliente no existe.
console-back-to-customers = ← Clientes
console-customer-access-active = Activo
console-customer-access-disabled = Desactivado
console-customer-access-outside = Fuera de la audiencia del portal
console-customer-attributes = Atributos (clave = valor, uno por línea)
console-customer-companies = Empresas (claves, separadas por comas)
console-customer-enable = Activar a este cliente
console-customer-disable = Desactivar a este cliente (cierra sus sesiones ahora)
console-customer-write-key-value = «{ $line }»: escriba clave = valor.
console-customer-saved = Guardado; la regla de visibilidad y la audiencia se vuelven a aplicar.
console-customer-choose-access = Elija activar o desactivar.
console-customer-disabled = Desactivado: sus sesiones se han cerrado.
console-customer-enabled = Activado.

## Companies

console-companies-title = Empresas
console-companies-key-example = ejemplo-sa
console-companies-name-example = Ejemplo S.A.
console-companies-save = Añadir o renombrar
console-companies-saved = Empresa { $key } guardada.
console-company-title = Empresa
console-company-gone = Esta empresa no existe.
console-back-to-companies = ← Empresas
console-company-remove = Quitar
console-company-member-email = Correo electrónico del cliente
console-company-add-member = Añadir miembro
console-company-no-customer = no existe el cliente { $email }.
console-company-add-or-remove = indique un correo electrónico para añadir o un miembro para quitar.
console-company-no-such-customer = ese cliente no existe.
console-company-added = Añadido. La regla de visibilidad y la audiencia se vuelven a aplicar.
console-company-removed = Quitado. La regla de visibilidad y la audiencia se vuelven a aplicar.

## Accounts

console-accounts-title = Cuentas
console-accounts-save-role = Guardar rol
console-accounts-pause = Pausar
console-accounts-resume = Reanudar
console-accounts-remove = Eliminar
console-accounts-paused-role = { $role } (en pausa)
console-accounts-add-heading = Añadir una cuenta
console-accounts-name = Nombre que los clientes ven en las respuestas
console-accounts-password = Contraseña (vacía: se genera una y se muestra una sola vez)
console-accounts-add = Añadir cuenta
console-accounts-added-generated = { $email } puede iniciar sesión con la contraseña { $password } (se muestra una sola vez).
console-accounts-added-chosen = { $email } puede iniciar sesión con la contraseña que eligió.
console-accounts-not-hashed = no se pudo calcular el hash de la contraseña.
console-accounts-no-such-account = esa cuenta no existe.
console-accounts-not-yourself = otro admin cambia o elimina su propia cuenta.
console-accounts-now-admin = La cuenta ahora es admin.
console-accounts-now-agent = La cuenta ahora es agente.
console-accounts-paused = La cuenta está en pausa; sus sesiones se han cerrado.
console-accounts-resumed = La cuenta se ha reanudado: puede volver a iniciar sesión.
console-accounts-removed = La cuenta se ha eliminado; sus sesiones se han cerrado.

## Your account

console-account-name = Su nombre, tal como lo ven los clientes en sus respuestas
console-account-save-name = Guardar nombre
console-account-current-password = Contraseña actual
console-account-new-password = Nueva contraseña ({ $min } caracteres o más)
console-account-change-password = Cambiar contraseña
console-account-gone = Esta cuenta ya no existe.
console-account-password-held = demasiadas contraseñas actuales incorrectas. Vuelva a intentarlo en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.
console-account-wrong-password = la contraseña actual no es correcta.
console-account-password-changed = Su contraseña se ha cambiado; sus otras sesiones se han cerrado.
console-account-name-saved = Su nombre se ha guardado; sus próximas respuestas lo llevarán.

## Why a console value was refused

console-error-role = el rol debe ser admin o agent, no «{ $role }».
console-error-password-length = la contraseña debe tener de { $min } a { $max } caracteres.
console-error-brand-color = el color de marca debe ser un color hexadecimal como #3b5bdb.
console-error-logo-url = la URL del logotipo debe ser una dirección https:// (http:// solo en localhost) sin espacios ni comillas, de { $max } caracteres como máximo.
console-error-theme = el tema debe ser auto, light o dark.
console-error-greeting = el saludo debe tener { $max } caracteres como máximo, en una sola línea.
console-error-agent-name = el nombre visible debe tener de 1 a { $max } caracteres, sin caracteres de control.
console-error-translation-too-long = la traducción «{ $text }» supera los { $max } caracteres.
console-error-translation-control = la traducción «{ $text }» contiene caracteres de control.

## Portal settings

console-settings-lead = Los cambios llegan al portal insertado en su próxima carga; las páginas del sitio no cambian.
console-settings-no-section = no existe el ajuste «{ $section }».
console-settings-look = Saludo y apariencia
console-settings-greeting = Saludo
console-settings-brand-color = Color de marca
console-settings-logo = URL del logotipo (https)
console-settings-theme = Tema
console-theme-auto = automático
console-theme-light = claro
console-theme-dark = oscuro
console-settings-save-look = Guardar apariencia
console-settings-look-saved = El saludo y la apariencia se han guardado; el portal los muestra en su próxima carga.
console-settings-origins = Orígenes de inserción permitidos
console-settings-origins-hint = Uno por línea, como https://www.example.com. Solo las páginas de estos orígenes pueden mostrar el portal y comunicarse con él.
console-settings-save-origins = Guardar orígenes
console-settings-origins-saved = { $count ->
        [one] { $count } origen permitido guardado.
       *[other] { $count } orígenes permitidos guardados.
    }
console-settings-behaviour = Sesiones, reapertura, búsqueda e idioma
console-settings-session-hours = Duración de la sesión (horas, al menos 1)
console-settings-reopen = Los clientes pueden reabrir un ticket cerrado respondiendo
console-settings-search-preview = Los resultados de búsqueda muestran una columna de vista previa
console-settings-default-language = Idioma predeterminado
console-settings-default-language-hint = El portal habla el idioma de cada cliente cuando puede y, si no, este; la consola también. El saludo, los tipos de ticket y los nombres de atributos están escritos en él.
console-settings-hours-number = la duración de la sesión debe ser un número entero de horas, no «{ $value }».
console-settings-hours-max = la duración de la sesión puede ser de { $max } horas como máximo.
console-settings-no-language = no existe el idioma «{ $tag }».
console-settings-behaviour-saved = Guardado. Las nuevas sesiones duran lo que indica la nueva duración.
console-settings-types = Tipos de ticket
console-settings-types-hint = Uno por línea, en el orden en que los ven los clientes (de 1 a 50).
console-settings-save-types = Guardar tipos
console-settings-types-saved = { $count ->
        [one] { $count } tipo de ticket guardado.
       *[other] { $count } tipos de ticket guardados.
    }
console-settings-attributes = Atributos de ticket que ven los clientes
console-settings-attributes-hint = Uno por línea: clave = Nombre visible.
console-settings-save-attributes = Guardar atributos
console-settings-write-key-name = «{ $line }»: escriba clave = Nombre visible.
console-settings-attributes-saved = Los clientes ven { $count ->
        [one] { $count } atributo de ticket.
       *[other] { $count } atributos de ticket.
    }
console-settings-attachments = Archivos adjuntos
console-settings-max-files = Archivos por mensaje (de 0 a 6)
console-settings-max-kb = Archivo más grande (KB, hasta 3072)
console-settings-save-limits = Guardar límites
console-settings-files-number = el número de archivos debe ser un número entero.
console-settings-size-number = el tamaño de archivo debe ser un número entero.
console-settings-attachments-saved = Hasta { $count ->
        [one] { $count } archivo
       *[other] { $count } archivos
    } de { $size } como máximo cada uno.
console-settings-storage = Los archivos ocupan { $used } de los { $quota } que este espacio de trabajo puede guardar ({ $percent } %). El operador del portal fija esta cuota; al superarla, se rechazan las subidas de los clientes.
console-settings-visibility = Visibilidad de los tickets
console-settings-restricted = Restringir quién ve los tickets de sus empresas
console-settings-visibility-hint = Con la restricción, los clientes que cumplen todas las condiciones solo ven sus propios tickets, y todos los demás también los de sus empresas (sin condiciones: cada uno solo ve los suyos). Una por línea: atributo operador valor, p. ej. email ends_with @example.com. Atributos: { $fields } (no el nombre del cliente, que el sitio no firma); operadores: equals, contains, starts_with, ends_with.
console-settings-conditions = Condiciones
console-settings-preview = Vista previa
console-settings-save-visibility = Guardar visibilidad
console-settings-visibility-saved = La regla de visibilidad de tickets se ha guardado y se aplica a todos los clientes.
console-settings-audience = Quién puede usar el portal
console-settings-audience-hint = Los clientes que cumplen todas las condiciones (ninguna: todos los que el sitio verifica). Atributos: { $fields } (no el nombre del cliente, que el sitio no firma).
console-settings-save-audience = Guardar audiencia
console-settings-audience-saved = La audiencia se ha guardado y se aplica a todos los clientes.
console-preview-audience = { $matching } de { $customers } clientes coinciden.
console-preview-visibility = { $matching } de { $customers } clientes solo ven sus propios tickets.
console-preview-unavailable = La vista previa no está disponible en este momento.

## Translations

console-settings-translations = Traducciones
console-settings-translations-hint = El saludo, los tipos de ticket y los nombres de atributos tal como los leen los clientes en otros idiomas. Están escritos en { $language }, el idioma predeterminado; un campo vacío muestra el texto tal como está escrito.
console-settings-translations-language = Idioma
console-settings-translations-show = Mostrar
console-settings-translations-attributes = Atributos de ticket
console-settings-save-translations = Guardar traducciones
console-settings-translations-default = { $language } es el idioma predeterminado: sus textos son los escritos más arriba.
console-settings-translations-saved = Los textos en { $language } se han guardado; el portal los muestra en su próxima carga.

## Embed code

console-embed-status = Estado
console-embed-is-enabled = El portal está activado.
console-embed-is-disabled = El portal está desactivado.
console-embed-needs = Antes de poder activarlo, necesita { $needs }.
console-embed-needs-origin = al menos un origen de inserción permitido (Ajustes del portal)
console-embed-needs-secret = un secreto de verificación de identidad (Generar secreto, más abajo)
console-embed-cannot-enable = El portal aún no se puede activar. Necesita { $needs }.
console-embed-enable = Activar el portal
console-embed-disable = Desactivar el portal
console-embed-enabled-done = El portal está activado. Copie el código de abajo en su sitio.
console-embed-disabled-done = El portal está desactivado: el marco lo indica y no abre ninguna sesión.
console-embed-sign-in = Cómo inician sesión los clientes
console-embed-is-hash-allowed = Su sitio puede iniciar la sesión de los clientes con un hash de verificación o con un token firmado (JWT).
console-embed-is-jwt-only = Solo los tokens firmados (JWT) inician la sesión de los clientes: los hashes de verificación se rechazan.
console-embed-jwt-hint = Un token firmado (JWT, HS256 con el secreto de abajo) caduca en menos de 10 minutos y sirve una sola vez, así que una copia no sirve de nada.
console-embed-require-jwt = Aceptar solo tokens firmados (JWT)
console-embed-allow-hash = Aceptar también hashes de verificación
console-embed-jwt-only-done = Ahora solo los tokens firmados (JWT) inician la sesión de los clientes. Las sesiones ya abiertas continúan.
console-embed-hash-allowed-done = Los hashes de verificación vuelven a iniciar la sesión de los clientes, junto a los tokens firmados.
console-embed-step-head = 1. Pegue esto en el <head> de sus páginas
console-embed-step-frame = 2. Coloque el marco donde deba aparecer el portal
console-embed-step-csp = 3. Permítalo en la Content-Security-Policy de su sitio
console-embed-step-sign = 4. Firme a cada usuario en su servidor
console-embed-step-sign-hint = Llame a { $init } cuando el usuario haya iniciado sesión, y a { $stop } cuando la cierre. El hash es el HMAC-SHA256 del correo electrónico con el secreto, en hexadecimal en minúsculas; guarde el secreto en el servidor.
console-embed-copy = Copiar
console-embed-copied = Copiado
console-embed-secret = Secreto de verificación de identidad
console-embed-generate-secret = Generar secreto
console-embed-reveal-secret = Mostrar secreto
console-embed-secret-exists = El espacio de trabajo ya tiene un secreto; rótelo para reemplazarlo.
console-embed-secret-generated = Se ha generado un nuevo secreto. Póngalo en la configuración del servidor de su sitio.
console-embed-retiring = Un secreto anterior sigue verificando hasta el { $time }.
console-embed-overlap = Mantener el secreto anterior válido durante
console-embed-overlap-none = ninguno: retirar el secreto anterior ahora
console-embed-overlap-hours = { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }
console-embed-overlap-days = { $days ->
        [one] { $days } día
       *[other] { $days } días
    }
console-embed-rotate = Rotar secreto
console-embed-bad-overlap = No se cambió nada: elija una superposición de { $hours } horas.
console-embed-rotated-now = El secreto se ha rotado. El anterior ya no verifica, y sus sesiones se han cerrado.
console-embed-rotated-overlap = El secreto se ha rotado. El anterior sigue verificando durante { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }; después se retira y sus sesiones se cierran.

## Testing the portal as a customer

console-test-as-title = Probar como cliente
console-test-as-hint = Abre aquí el portal como este cliente, firmado con el secreto del espacio de trabajo exactamente como lo firmaría su sitio.
console-test-as-open = Abrir el portal como este cliente
console-test-as-no-secret = El espacio de trabajo aún no tiene secreto: genere uno en la página Código de inserción.
console-test-as-seeing = Está viendo el portal como { $email }. Lo que haga aquí, lo hace en nombre del cliente.
console-test-as-frame = El portal tal como lo ve el cliente

console-settings-form = Campos del formulario de nuevo ticket
console-settings-form-hint = Lo que los clientes completan al abrir un ticket, como atributos; uno por línea: key | Etiqueta | text, number, date o choice: A, B [| required]. Ejemplo: plan | Plan | choice: Free, Pro | required
console-settings-save-form = Guardar formulario
console-settings-form-saved = { $count ->
        [one] { $count } campo en el formulario de nuevo ticket.
       *[other] { $count } campos en el formulario de nuevo ticket.
    }

## The standalone portal and customers' sessions

console-error-sign-in-url = la página de inicio de sesión debe ser una dirección https:// (http:// solo en localhost) sin espacios, comillas ni #, de { $max } caracteres como máximo.
console-error-portal-host = el nombre de host debe ser un nombre DNS como support.example.com, opcionalmente con un puerto.
console-settings-standalone = Portal independiente
console-settings-standalone-hint = Los clientes también pueden usar el portal como un sitio propio, en { $address } o en un nombre de host propio.
console-settings-sign-in-url = Página de inicio de sesión de su sitio (inicio de sesión propio)
console-settings-sign-in-url-hint = Los visitantes sin sesión van allí con return_to; tras iniciar sesión, envíelos a esa dirección añadiendo &jwt= y un token firmado. Vacío: sin inicio de sesión propio.
console-settings-new-tab = Ofrecer «Abrir en una pestaña nueva» en el portal integrado
console-settings-email-sign-in = Permitir iniciar sesión con un código de un solo uso enviado por correo
console-settings-email-sign-in-hint = Solo reciben un código los clientes que el espacio ya conoce; la respuesta es la misma para cualquier dirección.
console-settings-email-sign-in-no-mail = No hay ningún servidor SMTP configurado: el inicio de sesión por correo sigue desactivado hasta que lo haya (smtp_url y mail_from).
console-settings-host = Nombre de host propio
console-settings-host-hint = Apunte el nombre a su proxy inverso, que gestiona TLS y reenvía al portal conservando la cabecera Host. Vacío: ninguno.
console-settings-host-is-public = esa es la dirección del propio portal; elija otro nombre de host.
console-settings-standalone-saved = Ajustes del portal independiente guardados.
console-customer-sessions = Sesiones
console-session-opened = Abierta
console-session-where = Dónde
console-session-origin = Origen o host
console-session-browser = Navegador
console-session-state = Estado
console-session-embedded = Integrado
console-session-standalone = Independiente
console-session-live = Activa
console-session-ended = Finalizada

## Email to customers

console-mail-failed = No se pudo entregar el correo de una respuesta
console-mail-on = El correo a clientes está activado: se enteran de las respuestas de los agentes.
console-mail-off = El correo a clientes está desactivado: no hay servidor SMTP configurado (smtp_url y mail_from), así que no se envía nada.

# The settings' mail card
console-settings-mail = Correo
console-settings-mail-from-name = Nombre del remitente
console-settings-mail-reply-to = Dirección de respuesta
console-settings-mail-reply-to-hint = Vacía: las respuestas van a la dirección del remitente. Pon la dirección de tu servicio de ayuda para que lleguen allí.
console-settings-mail-reply-to-inbound = Las respuestas vuelven al portal (inbound_address está definida) y llegan a sus tickets; esta dirección no se usa.
console-settings-mail-saved = Ajustes de correo guardados.
console-error-sender-name = el nombre del remitente debe tener como máximo { $max } caracteres, en una línea.
console-error-reply-to = la dirección de respuesta debe ser una dirección de correo, o estar vacía.
console-settings-site-page = La página de soporte del sitio
console-settings-site-page-hint = Dónde abren un ticket los enlaces de los correos: tu página con el marco del portal (por ejemplo https://app.acme.com/support); el cargador abre el ticket indicado por #ticket=. Vacía: los enlaces abren el portal independiente.
console-error-site-page = la página de soporte del sitio debe ser una dirección https:// (http:// solo en localhost), sin espacios, comillas ni #, de como máximo { $max } caracteres.
