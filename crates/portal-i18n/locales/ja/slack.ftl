# Slack: what the portal posts in a workspace's channel (in the
# workspace's default language), and the console's Slack section. Slack's
# own words (Bot User OAuth Token, Signing Secret, Event Subscriptions,
# Interactivity) are the names Slack's app settings show: keep them as
# Slack's pages in that language do.

## Posts in the channel

slack-post-new-ticket = 新しいお問い合わせ #{ $number }：{ $title }
slack-post-from = 顧客：{ $customer }
slack-post-company = 会社：{ $company }
slack-post-type = 種類：{ $type }
slack-post-close = クローズ
slack-post-assign-me = 自分に割り当てる
slack-post-customer-wrote = { $customer } さんのメッセージ：
slack-post-status = ステータス：{ $status }
slack-post-escalated = エスカレーション：{ $reason }
slack-post-test = カスタマーポータルからのテストメッセージです。新しいお問い合わせはこのチャンネルに投稿されます。

## The console's Slack section

console-slack-heading = Slack
console-slack-intro = ポータルの新しいお問い合わせはチャンネルに投稿され、エージェントはお問い合わせのスレッドで返信します。ボットスコープ chat:write、channels:read、groups:read、users:read.email を持つ Slack アプリを作成してインストールし、チャンネルに招待してください。
console-slack-token = Bot User OAuth Token（xoxb-…）
console-slack-signing-secret = Signing Secret
console-slack-connect = Slack に接続
console-slack-connected = Slack に接続しています。新しいお問い合わせを投稿するチャンネルを選んでください。
console-slack-urls = アプリの設定で、Event Subscriptions（ボットイベント message.channels と message.groups）に { $events } を、Interactivity に { $interactions } を設定してください。
console-slack-channel = チャンネル
console-slack-no-channel = チャンネルが選ばれていません。まだ何も投稿されません。
console-slack-channels-failed = Slack のチャンネル一覧を読み込めませんでした：{ $error }
console-slack-note-prefix = スレッドの返信がこれで始まると社内メモになります
console-slack-save = 保存
console-slack-saved = 保存しました。
console-slack-test = テストメッセージを送信
console-slack-test-sent = テストメッセージを投稿しました。
console-slack-test-failed = Slack がテストメッセージを拒否しました：{ $error }
console-slack-disconnect = Slack との接続を解除
console-slack-disconnected = Slack との接続を解除しました。待機中だった投稿は破棄されます。
console-slack-bad-token = ボットトークンは xoxb- で始まり、空白を含まないものにしてください。
console-slack-bad-secret = Signing Secret は Slack に表示される 16 進数 32 文字にしてください。
console-slack-bad-channel = ボットのチャンネルから 1 つ選んでください。
console-slack-bad-prefix = メモの接頭辞は空白を含まない 1～20 文字にしてください。
console-slack-not-connected = Slack に接続されていません。
console-slack-member-id = あなたの Slack メンバー ID（Slack：プロフィール、⋮、メンバー ID をコピー）
console-slack-member-linked = Slack のスレッドでのあなたの返信は、あなたの名前で投稿されます。
console-slack-member-bad = Slack メンバー ID は、U または W のあとに英数字が続く形式です。
