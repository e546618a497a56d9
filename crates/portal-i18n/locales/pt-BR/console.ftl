# What agents and admins read: the console. A reason ($reason, and the
# messages that say why something was refused) is a clause that follows a
# lead such as "Nothing was changed:" and ends with its own full stop.
# Arguments: $count and $minutes are numbers (they choose plural forms);
# $n, $matching, $customers and $percent are numbers already written in the
# language's digits.

## The frame of every page

console-brand = Console de suporte
console-page-title = { $page } · Console de suporte
console-nav-inbox = Caixa de entrada
console-nav-customers = Clientes
console-nav-companies = Empresas
console-nav-settings = Configurações do portal
console-nav-embed = Código de incorporação
console-nav-accounts = Contas
console-nav-your-account = Sua conta
console-nav-who = { $name } ({ $role })
console-sign-out = Sair
console-role-admin = admin
console-role-agent = agente
console-problem-title = Não é possível
console-save = Salvar
console-saved = Salvo.
console-next-page = Próxima página
console-nobody = Ninguém
console-none = Nenhuma
console-list-and = { $first } e { $second }

## Words shared by tables and forms

console-col-title = Título
console-col-state = Status
console-col-type = Tipo
console-col-customer = Cliente
console-col-company = Empresa
console-col-assignee = Responsável
console-col-updated = Atualizado
console-col-email = E-mail
console-col-name = Nome
console-col-companies = Empresas
console-col-tickets = Tickets
console-col-access = Acesso
console-col-key = Chave
console-col-members = Membros
console-col-role = Função
console-col-since = Desde

## Leads before a reason

console-nothing-changed = Nada foi alterado: { $reason }
console-nothing-sent = Nada foi enviado: { $reason }
console-nothing-to-open = Nada para abrir: { $reason }
console-inbox-refused = Esta lista não pode ser exibida: { $reason }

## Signing in

console-sign-in = Entrar
console-login-workspace = Espaço de trabalho
console-login-email = E-mail
console-login-password = Senha
console-sign-in-wrong = O espaço de trabalho, o e-mail ou a senha não estão corretos.
console-sign-in-paused = Esta conta está pausada; um admin do espaço de trabalho pode retomá-la.
console-sign-in-held = Muitas tentativas de login sem sucesso a partir daqui. Tente novamente em { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.
console-busy = Muitas senhas estão sendo verificadas agora. Tente novamente em alguns segundos.
console-unavailable = O console está temporariamente indisponível.
console-cross-site = Este formulário precisa ser enviado pelas páginas do próprio console.
console-admins-only = Só admins podem abrir esta página.

## What the store refused or could not do

console-store-no-company = não existe a empresa { $key }.
console-store-key-reused = esta mensagem já foi enviada com outro texto.
console-store-ticket-closed = o ticket está fechado.
console-store-not-found = isso não existe.
console-store-unavailable = o banco de dados não está disponível agora; nada foi alterado.
console-store-failed = algo deu errado no servidor (o log dele informa o quê); nada foi alterado.
console-workspace-gone = Este espaço de trabalho não existe mais.
console-no-such-action = não existe a ação "{ $action }".

## The inbox

console-inbox-title = Caixa de entrada
console-inbox-search = Pesquisar tickets
console-inbox-any-state = Qualquer status
console-inbox-any-type = Qualquer tipo
console-inbox-anyone = Qualquer pessoa
console-inbox-me = Eu
console-inbox-company-key = Chave da empresa
console-inbox-sort = Ordem
console-inbox-default-order = Ordem padrão
console-inbox-show = Mostrar
console-inbox-empty = Nenhum ticket corresponde.
console-inbox-no-such-account = não existe a conta "{ $id }" para filtrar.
console-preview-author = { $author }:

## A ticket

console-ticket-title = Ticket nº { $number }
console-ticket-gone = Este ticket não existe.
console-back-to-inbox = ← Caixa de entrada
console-ticket-opened = Aberto em
console-ticket-channel = Canal
console-internal-note = Nota interna
console-author-customer = cliente
console-author-agent = agente
console-composer-placeholder = Escreva uma resposta ou uma nota que só os agentes veem
console-composer-reply = Responder ao cliente
console-composer-note = Adicionar nota interna
console-composer-choose = Escolha responder ou adicionar uma nota.
console-ticket-no-state = não existe o status "{ $state }".
console-ticket-no-account = não existe a conta { $id } aqui.

## Customers

console-customers-title = Clientes
console-customers-search = E-mail ou nome
console-customers-find = Buscar
console-customers-active = ativo
console-customers-disabled = desativado
console-customers-outside = fora do público
console-customer-title = Cliente
console-customer-gone = Este cliente não existe.
console-back-to-customers = ← Clientes
console-customer-access-active = Ativo
console-customer-access-disabled = Desativado
console-customer-access-outside = Fora do público do portal
console-customer-attributes = Atributos (chave = valor, um por linha)
console-customer-companies = Empresas (chaves, separadas por vírgulas)
console-customer-enable = Ativar este cliente
console-customer-disable = Desativar este cliente (encerra as sessões dele agora)
console-customer-write-key-value = "{ $line }": escreva chave = valor.
console-customer-saved = Salvo; a regra de visibilidade e o público são aplicados novamente.
console-customer-choose-access = Escolha ativar ou desativar.
console-customer-disabled = Desativado: as sessões do cliente foram encerradas.
console-customer-enabled = Ativado.

## Companies

console-companies-title = Empresas
console-companies-key-example = exemplo-ltda
console-companies-name-example = Exemplo Ltda.
console-companies-save = Adicionar ou renomear
console-companies-saved = Empresa { $key } salva.
console-company-title = Empresa
console-company-gone = Esta empresa não existe.
console-back-to-companies = ← Empresas
console-company-remove = Remover
console-company-member-email = E-mail do cliente
console-company-add-member = Adicionar membro
console-company-no-customer = não existe o cliente { $email }.
console-company-add-or-remove = informe um e-mail para adicionar ou um membro para remover.
console-company-no-such-customer = esse cliente não existe.
console-company-added = Adicionado. A regra de visibilidade e o público são aplicados novamente.
console-company-removed = Removido. A regra de visibilidade e o público são aplicados novamente.

## Accounts

console-accounts-title = Contas
console-accounts-save-role = Salvar função
console-accounts-pause = Pausar
console-accounts-resume = Retomar
console-accounts-remove = Remover
console-accounts-paused-role = { $role } (pausada)
console-accounts-add-heading = Adicionar uma conta
console-accounts-name = Nome que os clientes veem nas respostas
console-accounts-password = Senha (vazia: uma é gerada e exibida uma única vez)
console-accounts-add = Adicionar conta
console-accounts-added-generated = { $email } pode entrar com a senha { $password } (exibida uma única vez).
console-accounts-added-chosen = { $email } pode entrar com a senha que você escolheu.
console-accounts-not-hashed = não foi possível gerar o hash da senha.
console-accounts-no-such-account = essa conta não existe.
console-accounts-not-yourself = outro admin altera ou remove a sua própria conta.
console-accounts-now-admin = A conta agora é admin.
console-accounts-now-agent = A conta agora é agente.
console-accounts-paused = A conta está pausada; as sessões dela foram encerradas.
console-accounts-resumed = A conta foi retomada: ela pode entrar novamente.
console-accounts-removed = A conta foi removida; as sessões dela foram encerradas.

## Your account

console-account-name = Seu nome, como os clientes o veem nas suas respostas
console-account-save-name = Salvar nome
console-account-current-password = Senha atual
console-account-new-password = Nova senha ({ $min } caracteres ou mais)
console-account-change-password = Alterar senha
console-account-gone = Esta conta não existe mais.
console-account-password-held = senhas atuais incorretas demais. Tente novamente em { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.
console-account-wrong-password = a senha atual não está correta.
console-account-password-changed = Sua senha foi alterada; suas outras sessões foram encerradas.
console-account-name-saved = Seu nome foi salvo; suas próximas respostas o levarão.

## Why a console value was refused

console-error-role = a função deve ser admin ou agent, não "{ $role }".
console-error-password-length = a senha deve ter de { $min } a { $max } caracteres.
console-error-brand-color = a cor da marca deve ser uma cor hexadecimal como #3b5bdb.
console-error-logo-url = a URL do logotipo deve ser um endereço https:// (http:// só em localhost) sem espaços ou aspas, com no máximo { $max } caracteres.
console-error-theme = o tema deve ser auto, light ou dark.
console-error-greeting = a saudação deve ter no máximo { $max } caracteres, em uma só linha.
console-error-agent-name = o nome de exibição deve ter de 1 a { $max } caracteres, sem caracteres de controle.
console-error-translation-too-long = a tradução "{ $text }" tem mais de { $max } caracteres.
console-error-translation-control = a tradução "{ $text }" contém caracteres de controle.

## Portal settings

console-settings-lead = As alterações chegam ao portal incorporado no próximo carregamento; as páginas do site continuam como estão.
console-settings-no-section = não existe a configuração "{ $section }".
console-settings-look = Saudação e aparência
console-settings-greeting = Saudação
console-settings-brand-color = Cor da marca
console-settings-logo = URL do logotipo (https)
console-settings-theme = Tema
console-theme-auto = automático
console-theme-light = claro
console-theme-dark = escuro
console-settings-save-look = Salvar aparência
console-settings-look-saved = A saudação e a aparência foram salvas; o portal as mostra no próximo carregamento.
console-settings-origins = Origens de incorporação permitidas
console-settings-origins-hint = Uma por linha, como https://www.example.com. Só páginas nessas origens podem mostrar o portal e se comunicar com ele.
console-settings-save-origins = Salvar origens
console-settings-origins-saved = { $count ->
        [one] { $count } origem permitida salva.
       *[other] { $count } origens permitidas salvas.
    }
console-settings-behaviour = Sessões, reabertura, pesquisa e idioma
console-settings-session-hours = Duração da sessão (horas, no mínimo 1)
console-settings-reopen = Os clientes podem reabrir um ticket fechado respondendo
console-settings-search-preview = Os resultados da pesquisa mostram uma coluna de prévia
console-settings-default-language = Idioma padrão
console-settings-default-language-hint = O portal fala o idioma de cada cliente quando pode; caso contrário, este; o console também. A saudação, os tipos de ticket e os nomes de atributos são escritos nele.
console-settings-hours-number = a duração da sessão deve ser um número inteiro de horas, não "{ $value }".
console-settings-hours-max = a duração da sessão pode ser de no máximo { $max } horas.
console-settings-no-language = não existe o idioma "{ $tag }".
console-settings-behaviour-saved = Salvo. Novas sessões duram o novo tempo.
console-settings-types = Tipos de ticket
console-settings-types-hint = Um por linha, na ordem em que os clientes os veem (de 1 a 50).
console-settings-save-types = Salvar tipos
console-settings-types-saved = { $count ->
        [one] { $count } tipo de ticket salvo.
       *[other] { $count } tipos de ticket salvos.
    }
console-settings-attributes = Atributos de ticket que os clientes veem
console-settings-attributes-hint = Um por linha: chave = Nome exibido.
console-settings-save-attributes = Salvar atributos
console-settings-write-key-name = "{ $line }": escreva chave = Nome exibido.
console-settings-attributes-saved = Os clientes veem { $count ->
        [one] { $count } atributo de ticket.
       *[other] { $count } atributos de ticket.
    }
console-settings-attachments = Anexos
console-settings-max-files = Arquivos por mensagem (de 0 a 6)
console-settings-max-kb = Maior arquivo (KB, até 3072)
console-settings-save-limits = Salvar limites
console-settings-files-number = o número de arquivos deve ser um número inteiro.
console-settings-size-number = o tamanho do arquivo deve ser um número inteiro.
console-settings-attachments-saved = Até { $count ->
        [one] { $count } arquivo
       *[other] { $count } arquivos
    } de no máximo { $size } cada.
console-settings-storage = Os arquivos ocupam { $used } dos { $quota } que este espaço de trabalho pode guardar ({ $percent }%). O operador do portal define essa cota; acima dela, os envios dos clientes são recusados.
console-settings-visibility = Visibilidade dos tickets
console-settings-restricted = Restringir quem vê os tickets das suas empresas
console-settings-visibility-hint = Com a restrição, os clientes que atendem a todas as condições veem só os próprios tickets, e todos os outros também os das suas empresas (sem condições: cada um vê só os seus). Uma por linha: atributo operador valor, por ex. email ends_with @example.com. Atributos: { $fields } (não o nome do cliente, que o site não assina); operadores: equals, contains, starts_with, ends_with.
console-settings-conditions = Condições
console-settings-preview = Prévia
console-settings-save-visibility = Salvar visibilidade
console-settings-visibility-saved = A regra de visibilidade dos tickets foi salva e aplicada a todos os clientes.
console-settings-audience = Quem pode usar o portal
console-settings-audience-hint = Clientes que atendem a todas as condições (nenhuma: todos que o site verifica). Atributos: { $fields } (não o nome do cliente, que o site não assina).
console-settings-save-audience = Salvar público
console-settings-audience-saved = O público foi salvo e aplicado a todos os clientes.
console-preview-audience = { $matching } de { $customers } clientes correspondem.
console-preview-visibility = { $matching } de { $customers } clientes veem só os próprios tickets.
console-preview-unavailable = A prévia não está disponível agora.

## Translations

console-settings-translations = Traduções
console-settings-translations-hint = A saudação, os tipos de ticket e os nomes de atributos como os clientes os leem em outros idiomas. Eles são escritos em { $language }, o idioma padrão; um campo vazio mostra o texto como foi escrito.
console-settings-translations-language = Idioma
console-settings-translations-show = Mostrar
console-settings-translations-attributes = Atributos de ticket
console-settings-save-translations = Salvar traduções
console-settings-translations-default = { $language } é o idioma padrão: os textos dele são os escritos acima.
console-settings-translations-saved = Os textos em { $language } foram salvos; o portal os mostra no próximo carregamento.

## Embed code

console-embed-status = Status
console-embed-is-enabled = O portal está ativado.
console-embed-is-disabled = O portal está desativado.
console-embed-needs = Antes de ser ativado, ele precisa de { $needs }.
console-embed-needs-origin = pelo menos uma origem de incorporação permitida (Configurações do portal)
console-embed-needs-secret = um segredo de verificação de identidade (Gerar segredo, abaixo)
console-embed-cannot-enable = O portal ainda não pode ser ativado. Ele precisa de { $needs }.
console-embed-enable = Ativar o portal
console-embed-disable = Desativar o portal
console-embed-enabled-done = O portal está ativado. Copie o código abaixo para o seu site.
console-embed-disabled-done = O portal está desativado: o frame informa isso e não abre nenhuma sessão.
console-embed-sign-in = Como os clientes fazem login
console-embed-is-hash-allowed = Seu site pode fazer o login dos clientes com um hash de verificação ou com um token assinado (JWT).
console-embed-is-jwt-only = Só tokens assinados (JWT) fazem o login dos clientes: hashes de verificação são recusados.
console-embed-jwt-hint = Um token assinado (JWT, HS256 com o segredo abaixo) expira em até 10 minutos e vale uma só vez, então uma cópia não serve para nada.
console-embed-require-jwt = Aceitar só tokens assinados (JWT)
console-embed-allow-hash = Aceitar também hashes de verificação
console-embed-jwt-only-done = Agora só tokens assinados (JWT) fazem o login dos clientes. As sessões já abertas continuam.
console-embed-hash-allowed-done = Hashes de verificação voltam a fazer o login dos clientes, ao lado dos tokens assinados.
console-embed-step-head = 1. Cole isto no <head> das suas páginas
console-embed-step-frame = 2. Coloque o frame onde o portal deve aparecer
console-embed-step-csp = 3. Permita-o na Content-Security-Policy do seu site
console-embed-step-sign = 4. Assine cada usuário no seu servidor
console-embed-step-sign-hint = Chame { $init } assim que o usuário entrar, e { $stop } quando ele sair. O hash é o HMAC-SHA256 do e-mail com o segredo, em hexadecimal minúsculo; mantenha o segredo no servidor.
console-embed-copy = Copiar
console-embed-copied = Copiado
console-embed-secret = Segredo de verificação de identidade
console-embed-generate-secret = Gerar segredo
console-embed-reveal-secret = Mostrar segredo
console-embed-secret-exists = O espaço de trabalho já tem um segredo; faça a rotação para substituí-lo.
console-embed-secret-generated = Um novo segredo foi gerado. Coloque-o na configuração do servidor do seu site.
console-embed-retiring = Um segredo anterior continua verificando até { $time }.
console-embed-overlap = Manter o segredo antigo válido por
console-embed-overlap-none = nenhum: aposentar o segredo antigo agora
console-embed-overlap-hours = { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }
console-embed-overlap-days = { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    }
console-embed-rotate = Fazer rotação do segredo
console-embed-bad-overlap = Nada foi alterado: escolha uma sobreposição de { $hours } horas.
console-embed-rotated-now = O segredo foi trocado. O antigo não verifica mais, e as sessões dele foram encerradas.
console-embed-rotated-overlap = O segredo foi trocado. O antigo continua verificando por { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }; depois é aposentado e as sessões dele terminam.

## Testing the portal as a customer

console-test-as-title = Testar como cliente
console-test-as-hint = Abre o portal aqui como este cliente, assinado com o segredo do espaço de trabalho exatamente como o seu site o assinaria.
console-test-as-open = Abrir o portal como este cliente
console-test-as-no-secret = O espaço de trabalho ainda não tem segredo: gere um na página Código de incorporação.
console-test-as-seeing = Você está vendo o portal como { $email }. O que você fizer aqui, fará como este cliente.
console-test-as-frame = O portal como o cliente o vê

console-settings-form = Campos do formulário de novo ticket
console-settings-form-hint = O que os clientes preenchem ao abrir um ticket, como atributos; um por linha: key | Rótulo | text, number, date ou choice: A, B [| required]. Exemplo: plan | Plano | choice: Free, Pro | required
console-settings-save-form = Salvar formulário
console-settings-form-saved = { $count ->
        [one] { $count } campo no formulário de novo ticket.
       *[other] { $count } campos no formulário de novo ticket.
    }

## The standalone portal and customers' sessions

console-error-sign-in-url = a página de login deve ser um endereço https:// (http:// só em localhost) sem espaços, aspas ou #, com no máximo { $max } caracteres.
console-error-portal-host = o nome de host deve ser um nome DNS como support.example.com, opcionalmente com uma porta.
console-settings-standalone = Portal independente
console-settings-standalone-hint = Os clientes também podem usar o portal como um site próprio, em { $address } ou em um nome de host próprio.
console-settings-sign-in-url = Página de login do seu site (login personalizado)
console-settings-sign-in-url-hint = Visitantes sem login vão para lá com return_to; depois do login, envie-os para esse endereço com &jwt= e um token assinado. Vazio: sem login personalizado.
console-settings-new-tab = Oferecer “Abrir em uma nova aba” no portal incorporado
console-settings-email-sign-in = Permitir entrar com um código de uso único enviado por e-mail
console-settings-email-sign-in-hint = Só recebem código os clientes que o espaço já conhece; a resposta é a mesma para qualquer endereço.
console-settings-email-sign-in-no-mail = Nenhum servidor SMTP está configurado: o acesso por e-mail fica desligado até haver um (smtp_url e mail_from).
console-settings-host = Nome de host próprio
console-settings-host-hint = Aponte o nome para o seu proxy reverso, que cuida do TLS e encaminha ao portal mantendo o cabeçalho Host. Vazio: nenhum.
console-settings-host-is-public = esse é o endereço do próprio portal; escolha outro nome de host.
console-settings-standalone-saved = Configurações do portal independente salvas.
console-customer-sessions = Sessões
console-session-opened = Aberta
console-session-where = Onde
console-session-origin = Origem ou host
console-session-browser = Navegador
console-session-state = Estado
console-session-embedded = Incorporado
console-session-standalone = Independente
console-session-live = Ativa
console-session-ended = Encerrada

## Email to customers

console-mail-failed = Não foi possível entregar o e-mail de uma resposta
console-mail-on = O e-mail para clientes está ativado: eles sabem das respostas dos agentes.
console-mail-off = O e-mail para clientes está desativado: nenhum servidor SMTP está configurado (smtp_url e mail_from), então nada é enviado.

# The settings' mail card
console-settings-mail = E-mail
console-settings-mail-from-name = Nome do remetente
console-settings-mail-reply-to = Endereço de resposta
console-settings-mail-reply-to-hint = Vazio: as respostas vão para o endereço do remetente. Informe o endereço do seu suporte para que cheguem lá.
console-settings-mail-reply-to-inbound = As respostas voltam ao portal (inbound_address está definido) e chegam aos seus tickets; este endereço não é usado.
console-settings-mail-saved = Configurações de e-mail salvas.
console-error-sender-name = o nome do remetente deve ter no máximo { $max } caracteres, em uma linha.
console-error-reply-to = o endereço de resposta deve ser um endereço de e-mail, ou ficar vazio.
console-settings-site-page = A página de suporte do site
console-settings-site-page-hint = Onde os links dos e-mails abrem um ticket: sua página com o quadro do portal (por exemplo https://app.acme.com/support); o carregador abre o ticket indicado por #ticket=. Vazio: os links abrem o portal independente.
console-error-site-page = a página de suporte do site deve ser um endereço https:// (http:// só em localhost), sem espaços, aspas ou #, com no máximo { $max } caracteres.
