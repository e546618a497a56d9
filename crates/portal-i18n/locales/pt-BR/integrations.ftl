# The console's Integrations page: webhooks, Slack, and the rules that
# route and escalate tickets. Event type names (ticket.created, ...) are
# identifiers: they stay in English.

console-nav-integrations = Integrações
console-integrations-title = Integrações

## Webhooks

console-webhooks-heading = Webhooks
console-webhooks-intro = Cada endpoint recebe uma requisição JSON assinada quando um ticket, uma mensagem ou um cliente muda. Consulte a documentação para verificar a assinatura.
console-webhooks-none = Ainda não há endpoints.
console-webhooks-col-url = URL
console-webhooks-col-events = Eventos
console-webhooks-col-state = Status
console-webhooks-enabled = Ativado
console-webhooks-failing = Falhando desde { $since }
console-webhooks-disabled = Desativado: { $reason }
console-webhooks-disabled-alert = O webhook para { $url } foi desativado: { $reason }. Ative-o novamente quando o endpoint funcionar; as entregas pendentes serão enviadas então.
console-webhooks-log = Entregas
console-webhooks-enable = Ativar
console-webhooks-disable = Desativar
console-webhooks-rotate = Novo segredo
console-webhooks-remove = Remover
console-webhooks-add-heading = Adicionar um endpoint
console-webhooks-url = URL (https://)
console-webhooks-events = Eventos
console-webhooks-event-ticket-created = Um ticket foi aberto
console-webhooks-event-ticket-updated = O status ou os participantes de um ticket mudaram
console-webhooks-event-message-created = Uma mensagem foi escrita
console-webhooks-event-customer-created = Um cliente foi visto pela primeira vez
console-webhooks-include-notes = Enviar também as notas internas dos agentes
console-webhooks-add = Adicionar endpoint
console-webhooks-added = Adicionado. O segredo dele, exibido só agora: { $secret }
console-webhooks-rotated = O segredo antigo não assina mais nada. O novo, exibido só agora: { $secret }
console-webhooks-now-enabled = Ativado. As entregas pendentes saem agora.
console-webhooks-now-disabled = Desativado. Nada é registrado para ele até que seja ativado novamente.
console-webhooks-removed = Removido, com seu registro de entregas.
console-webhooks-no-such = esse endpoint não existe.
console-webhooks-bad-url = a URL deve ser um endereço https:// sem nome de usuário, com no máximo 2000 caracteres.
console-webhooks-private-url = a URL está em uma rede privada, de loopback ou link-local, para a qual este servidor não envia.
console-webhooks-no-events = escolha pelo menos um evento.
console-webhooks-back = ← Integrações
console-webhooks-log-title = Entregas para { $url }
console-webhooks-log-none = Nada foi enviado a este endpoint ainda.
console-webhooks-col-event = Evento
console-webhooks-col-ticket = Ticket
console-webhooks-col-when = Quando
console-webhooks-col-attempts = Tentativas
console-webhooks-col-answer = Resposta
console-webhooks-state-pending = Aguardando
console-webhooks-state-delivered = Entregue
console-webhooks-state-failed = Falhou
console-webhooks-redeliver = Enviar novamente
console-webhooks-redelivered = A entrega é enviada novamente em poucos segundos, com o mesmo ID de evento.
