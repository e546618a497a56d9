# Slack: what the portal posts in a workspace's channel (in the
# workspace's default language), and the console's Slack section. Slack's
# own words (Bot User OAuth Token, Signing Secret, Event Subscriptions,
# Interactivity) are the names Slack's app settings show: keep them as
# Slack's pages in that language do.

## Posts in the channel

slack-post-new-ticket = Novo ticket nº { $number }: { $title }
slack-post-from = De { $customer }
slack-post-company = Empresa: { $company }
slack-post-type = Tipo: { $type }
slack-post-close = Fechar
slack-post-assign-me = Atribuir a mim
slack-post-customer-wrote = { $customer } escreveu:
slack-post-status = Status: { $status }
slack-post-escalated = Escalonado: { $reason }
slack-post-test = Mensagem de teste do portal do cliente: novos tickets são publicados neste canal.

## The console's Slack section

console-slack-heading = Slack
console-slack-intro = Novos tickets do portal são publicados em um canal; os agentes respondem na thread do ticket. Crie um app do Slack com os escopos de bot chat:write, channels:read, groups:read e users:read.email, instale-o e convide-o para o canal.
console-slack-token = Bot User OAuth Token (xoxb-…)
console-slack-signing-secret = Signing Secret
console-slack-connect = Conectar o Slack
console-slack-connected = O Slack está conectado. Escolha o canal em que os novos tickets são publicados.
console-slack-urls = Nas configurações do app, defina Event Subscriptions (os eventos de bot message.channels e message.groups) como { $events } e Interactivity como { $interactions }.
console-slack-channel = Canal
console-slack-no-channel = Nenhum canal escolhido: nada é publicado ainda.
console-slack-channels-failed = Não foi possível ler a lista de canais do Slack: { $error }
console-slack-note-prefix = Uma resposta na thread que começa com isto é uma nota interna
console-slack-save = Salvar
console-slack-saved = Salvo.
console-slack-test = Enviar uma mensagem de teste
console-slack-test-sent = A mensagem de teste foi publicada.
console-slack-test-failed = O Slack recusou a mensagem de teste: { $error }
console-slack-disconnect = Desconectar o Slack
console-slack-disconnected = O Slack está desconectado; as publicações pendentes foram descartadas.
console-slack-bad-token = o token do bot deve começar com xoxb- e não ter espaços.
console-slack-bad-secret = o Signing Secret deve ter os 32 caracteres hexadecimais que o Slack mostra.
console-slack-bad-channel = escolha um dos canais do bot.
console-slack-bad-prefix = o prefixo de nota deve ter de 1 a 20 caracteres, sem espaços.
console-slack-not-connected = O Slack não está conectado.
console-slack-member-id = Seu ID de membro do Slack (Slack: seu perfil, ⋮, Copiar ID de membro)
console-slack-member-linked = Suas respostas em threads do Slack são publicadas em seu nome.
console-slack-member-bad = um ID de membro do Slack é um U ou W seguido de letras e dígitos.
