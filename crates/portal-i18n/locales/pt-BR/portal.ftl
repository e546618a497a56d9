# What customers read: the frame (and the standalone portal and e-mails as
# they come). Arguments: $n is a number already written in the language's
# digits; $count the same number, for choosing a plural form.

## The frame around the pages

page-title = Suporte
frame-loading = Carregando…
frame-waiting = Faça login no site para ver seus tickets.
frame-not-embedded = Este portal de suporte abre dentro do site da empresa.
frame-verifying = Verificando sua identidade…
frame-signed-out = Você saiu da sua conta.
frame-signed-in-as = Conectado como
frame-no-page = Esta página não existe.

## The ticket list

list-tab-all = Todos
list-tab-mine = Criados por mim
new-ticket = Novo ticket
list-search = Pesquisar tickets
list-search-button = Pesquisar
list-sort = Ordenar
list-filters = Filtros
list-any = Qualquer um
list-created-by = Criado por
list-email = e-mail
list-apply = Aplicar
list-range-created = Data de criação
list-range-created-from = Criado a partir de
list-range-created-to = Criado até
list-range-updated = Data de atualização
list-range-updated-from = Atualizado a partir de
list-range-updated-to = Atualizado até
list-range-to = até
list-clear = Limpar pesquisa e filtros
list-no-more = Não há mais tickets.
list-no-match = Nenhum ticket encontrado.
list-none-yet = Você ainda não tem tickets.
list-preview = Prévia
list-first-page = ← Primeira página
list-next-page = Próxima página →
list-tabs-label = Quais tickets
list-pages-label = Páginas

sort-relevance = Mais relevantes
sort-updated-descending = Última atualização, mais recentes primeiro
sort-updated-ascending = Última atualização, mais antigos primeiro
sort-created-descending = Criação, mais recentes primeiro
sort-created-ascending = Criação, mais antigos primeiro
sort-number-descending = Número, do maior para o menor
sort-number-ascending = Número, do menor para o maior
sort-type-ascending = Tipo, de A a Z
sort-type-descending = Tipo, de Z a A
sort-state-ascending = Status, abertos primeiro
sort-state-descending = Status, fechados primeiro

## A ticket

ticket-number = Nº
ticket-title = Título
ticket-type = Tipo
ticket-state = Status
ticket-channel = Canal
ticket-created = Criado em
ticket-updated = Última atualização
status-open = Aberto
status-in_progress = Em andamento
status-on_hold = Em espera
status-closed = Fechado
author-customer = Cliente
author-agent = Suporte
back-to-list = ← Todos os tickets

## Replying and opening tickets

reply-label = Resposta
reply-send = Enviar
reply-sending = Enviando…
reply-sent = Enviada
reply-not-sent = Não enviada
reply-retry = Tentar novamente
reply-closed = Este ticket está fechado. Para perguntar algo novo,
reply-closed-open-new = abra um novo ticket.
reply-closed-reopens = Este ticket está fechado. Se você responder, ele será reaberto.
reply-reopen = Reabrir
new-ticket-description = Como podemos ajudar?
new-ticket-create = Criar ticket

## Files

files-attach = Anexar arquivos
files-hint = { $count ->
        [one] { $count } arquivo de até { $size }: { $kinds }
       *[other] Até { $count } arquivos de até { $size } cada: { $kinds }
    }
files-remove = Remover
files-uploading = { $name } — enviando…

## What screen readers hear when a page changes by itself

live-new-message = Nova mensagem de { $name }
live-ticket-changed = Este ticket foi atualizado.
live-list-changed = Seus tickets foram atualizados.

## Times and sizes

time-now = agora mesmo
time-now-short = agora
time-minutes-ago = há { $n } min
time-hours-ago = há { $n } h
time-days-ago = há { $n } d
time-minutes-short = { $n } min
time-hours-short = { $n } h
time-days-short = { $n } d
time-utc = { $time } UTC
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## What went wrong, as the frame says it

error-not-verified = Não foi possível verificar sua identidade. Faça login novamente no site.
error-token-malformed = O site enviou um token de login que não é um JWT válido. Faça login novamente no site.
error-token-algorithm = O token de login do site deve ser assinado com HS256. Faça login novamente no site.
error-token-claim = O token de login do site não tem uma declaração “{ $name }” válida. Faça login novamente no site.
error-token-audience = Este token de login é de outro portal de suporte. Faça login novamente no site.
error-token-future = Este token de login tem data no futuro; o relógio do site pode estar errado. Faça login novamente no site.
error-token-too-long = Este token de login vale por mais de 10 minutos, o que este portal de suporte não aceita. Faça login novamente no site.
error-token-expired = Seu token de login expirou. Faça login novamente no site.
error-token-replayed = Este token de login já foi usado. Faça login novamente no site.
error-token-required = Este portal de suporte aceita apenas tokens de login assinados (JWT). Faça login novamente no site.
error-session-ended = Sua sessão expirou. Faça login novamente no site.
error-unknown-workspace = Este portal de suporte não existe.
error-not-enabled = Este portal de suporte ainda não foi ativado.
error-not-found = Este ticket não existe.
error-page-not-found = Esta página não existe.
error-ticket-closed = Este ticket está fechado, e tickets fechados não podem ser reabertos aqui. Abra um novo ticket.
error-key-reused = Esta resposta já foi enviada com outro texto. Recarregue a página para vê-la ou envie-a novamente como uma nova resposta.
error-origin-not-allowed = Este site não tem permissão para exibir o portal de suporte.
error-no-access = Você não tem acesso a este portal de suporte. Se acha que deveria ter, entre em contato com a empresa.
error-rate-limited = Você está enviando mais rápido do que este portal de suporte permite. Tente novamente em { $seconds ->
        [one] um segundo
       *[other] { $seconds } segundos
    }.
error-storage-full = Este portal de suporte não tem espaço para mais arquivos. Envie sua mensagem sem arquivos ou entre em contato com a empresa.
error-unavailable = O portal de suporte está temporariamente indisponível. Tente novamente em instantes.
error-internal = Algo deu errado do nosso lado. Tente novamente.
error-network = Não foi possível acessar o portal de suporte. Verifique sua conexão e tente novamente.
error-malformed = A solicitação está malformada.

## Which company a new ticket is for

new-ticket-company = Empresa
new-ticket-choose-company = Escolha a empresa a que este ticket se refere.

## The customer's account and the standalone portal

error-code-used = Este link de acesso expirou ou já foi usado. Abra o portal novamente pelo site.
frame-open-new-tab = Abrir em uma nova aba
frame-sign-out = Sair
account-signed-out-everywhere = Você saiu de todas as sessões.
account-link = Sua conta
account-title = Sua conta
account-sessions = Onde você está conectado
account-when = Quando
account-where = Onde
account-origin = Site
account-browser = Navegador
account-state = Estado
account-event = O quê
account-session-live = Conectado
account-session-ended = Encerrada
account-embedded = No site da empresa
account-standalone = Portal de suporte
account-sign-out-everywhere = Sair de todas as sessões
account-data = Seus dados
account-data-hint = Seu perfil, os tickets que você abriu com suas mensagens públicas e a lista de seus arquivos.
account-download-json = Baixar meus dados (JSON)
account-download-files = Baixar meus dados com os arquivos (zip)
account-log = Registro de acessos
account-event-signed-in = Login
account-event-refused = Login recusado
account-event-exported = Dados baixados
account-event-signed-out-everywhere = Saída de todas as sessões
standalone-sign-in-from-site = Para ver seus tickets, faça login no site da empresa e abra o portal de suporte a partir dele.
standalone-sign-in-again = Entrar novamente
standalone-cross-site = Esta solicitação não veio das páginas do portal de suporte, então nada foi feito.

## Email to customers

mail-reply-subject = Nova resposta ao seu ticket nº { $number }: { $title }
mail-reply-intro = { $author } respondeu ao seu ticket nº { $number }:
mail-reply-open = Abrir o ticket
mail-reply-footer = Você recebe este e-mail porque tem um ticket de suporte com { $workspace }.
mail-unsubscribe = Cancelar inscrição
mail-unsubscribe-ask = Parar de receber e-mail quando alguém responder aos seus tickets? Você pode reativar na sua conta.
mail-unsubscribed = Pronto: você não receberá mais e-mails sobre respostas aos seus tickets.
mail-unsubscribe-unknown = Este link de cancelamento não é válido.
account-email = E-mail
account-email-on = Você recebe um e-mail quando alguém responde aos seus tickets.
account-email-off = Você não recebe e-mail quando alguém responde aos seus tickets.
account-email-turn-off = Desativar e-mails
account-email-turn-on = Ativar e-mails

# Email sign-in (standalone portal)
email-sign-in-intro = Digite seu endereço de e-mail e enviaremos um código para você entrar.
email-sign-in-email = Endereço de e-mail
email-sign-in-send = Enviar um código
email-sign-in-sent = Se { $email } pode usar este portal, um código está a caminho. Ele funciona uma vez, por 15 minutos.
email-sign-in-code = Código do e-mail
email-sign-in-submit = Entrar
email-sign-in-wrong = Este código não está certo ou expirou. Veja o e-mail mais recente ou peça um novo código.
email-sign-in-new-code = Enviar um novo código
email-sign-in-site = Entrar pelo site da empresa
email-sign-in-link-used = Este link de acesso já foi usado ou expirou. Peça um novo código.
email-sign-in-bad-email = Isto não é um endereço de e-mail.
email-sign-in-wait = Foram pedidos códigos demais. Tente de novo em alguns minutos.
mail-sign-in-subject = Seu código de acesso para { $workspace }
mail-sign-in-intro = Digite este código na página de acesso. Ele funciona uma vez, por 15 minutos:
mail-sign-in-open = Ou entre com este link
mail-sign-in-ignore = Se você não pediu para entrar, pode ignorar este e-mail.
