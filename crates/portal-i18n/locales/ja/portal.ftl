# What customers read: the frame (and the standalone portal and e-mails as
# they come). Arguments: $n is a number already written in the language's
# digits; $count the same number, for choosing a plural form.

## The frame around the pages

page-title = サポート
frame-loading = 読み込み中…
frame-waiting = お問い合わせを表示するには、サイトでログインしてください。
frame-not-embedded = このサポートポータルは、運営会社のウェブサイト内で表示されます。
frame-verifying = 本人確認をしています…
frame-signed-out = ログアウトしました。
frame-signed-in-as = ログイン中：
frame-no-page = このページは存在しません。

## The ticket list

list-tab-all = すべて
list-tab-mine = 自分が作成
new-ticket = 新規お問い合わせ
list-search = お問い合わせを検索
list-search-button = 検索
list-sort = 並べ替え
list-filters = 絞り込み
list-any = すべて
list-created-by = 作成者
list-email = メールアドレス
list-apply = 適用
list-range-created = 作成日
list-range-created-from = 作成日（開始）
list-range-created-to = 作成日（終了）
list-range-updated = 更新日
list-range-updated-from = 更新日（開始）
list-range-updated-to = 更新日（終了）
list-range-to = ～
list-clear = 検索条件と絞り込みをクリア
list-no-more = これ以上お問い合わせはありません。
list-no-match = 該当するお問い合わせはありません。
list-none-yet = お問い合わせはまだありません。
list-preview = プレビュー
list-first-page = ← 最初のページ
list-next-page = 次のページ →
list-tabs-label = 表示するお問い合わせ
list-pages-label = ページ

sort-relevance = 関連度順
sort-updated-descending = 最終更新（新しい順）
sort-updated-ascending = 最終更新（古い順）
sort-created-descending = 作成日時（新しい順）
sort-created-ascending = 作成日時（古い順）
sort-number-descending = 番号（大きい順）
sort-number-ascending = 番号（小さい順）
sort-type-ascending = 種類（昇順）
sort-type-descending = 種類（降順）
sort-state-ascending = ステータス（オープンが先）
sort-state-descending = ステータス（クローズが先）

## A ticket

ticket-number = 番号
ticket-title = 件名
ticket-type = 種類
ticket-state = ステータス
ticket-channel = チャネル
ticket-created = 作成日時
ticket-updated = 最終更新
status-open = オープン
status-in_progress = 対応中
status-on_hold = 保留中
status-closed = クローズ
author-customer = お客様
author-agent = サポート
back-to-list = ← お問い合わせ一覧

## Replying and opening tickets

reply-label = 返信
reply-send = 送信
reply-sending = 送信中…
reply-sent = 送信済み
reply-not-sent = 未送信
reply-retry = 再試行
reply-closed = このお問い合わせはクローズされています。
reply-closed-open-new = 新しいお問い合わせを作成してください。
reply-closed-reopens = このお問い合わせはクローズされています。返信すると再オープンされます。
reply-reopen = 再オープン
new-ticket-description = どのようなご用件でしょうか？
new-ticket-create = お問い合わせを送信

## Files

files-attach = ファイルを添付
files-hint = ファイルは最大{ $count }個、各{ $size }まで：{ $kinds }
files-remove = 削除
files-uploading = { $name } — アップロード中…

## What screen readers hear when a page changes by itself

live-new-message = 新しいメッセージ: { $name }
live-ticket-changed = このお問い合わせが更新されました。
live-list-changed = お問い合わせ一覧が更新されました。

## Times and sizes

time-now = たった今
time-now-short = 今
time-minutes-ago = { $n }分前
time-hours-ago = { $n }時間前
time-days-ago = { $n }日前
time-minutes-short = { $n }分
time-hours-short = { $n }時間
time-days-short = { $n }日
time-utc = { $time } UTC
size-bytes = { $n } B
size-kb = { $n } KB
size-mb = { $n } MB
size-gb = { $n } GB

## What went wrong, as the frame says it

error-not-verified = 本人確認ができませんでした。サイトでもう一度ログインしてください。
error-token-malformed = サイトから送られたサインイントークンが有効な JWT ではありません。サイトでもう一度ログインしてください。
error-token-algorithm = サイトのサインイントークンは HS256 で署名されている必要があります。サイトでもう一度ログインしてください。
error-token-claim = サイトのサインイントークンに有効な「{ $name }」クレームがありません。サイトでもう一度ログインしてください。
error-token-audience = このサインイントークンは別のサポートポータル用です。サイトでもう一度ログインしてください。
error-token-future = このサインイントークンの発行日時が未来になっています。サイトの時計が正しくない可能性があります。サイトでもう一度ログインしてください。
error-token-too-long = このサインイントークンの有効期間は 10 分を超えており、このサポートポータルでは受け付けられません。サイトでもう一度ログインしてください。
error-token-expired = サインイントークンの有効期限が切れました。サイトでもう一度ログインしてください。
error-token-replayed = このサインイントークンはすでに使用されています。サイトでもう一度ログインしてください。
error-token-required = このサポートポータルは署名付きサインイントークン（JWT）のみを受け付けます。サイトでもう一度ログインしてください。
error-session-ended = セッションの有効期限が切れました。サイトでもう一度ログインしてください。
error-unknown-workspace = このサポートポータルは存在しません。
error-not-enabled = このサポートポータルはまだ有効になっていません。
error-not-found = このお問い合わせは存在しません。
error-page-not-found = このページは存在しません。
error-ticket-closed = このお問い合わせはクローズされており、ここから再オープンすることはできません。新しいお問い合わせを作成してください。
error-key-reused = この返信は、別の内容ですでに送信されています。ページを再読み込みして確認するか、新しい返信として送信し直してください。
error-origin-not-allowed = このサイトには、サポートポータルの表示が許可されていません。
error-no-access = このサポートポータルへのアクセス権がありません。アクセスできるはずの場合は、運営会社にお問い合わせください。
error-rate-limited = 送信の頻度がこのサポートポータルの上限を超えています。{ $seconds ->
       *[other] { $seconds }秒
    }後にもう一度お試しください。
error-storage-full = このサポートポータルには、これ以上ファイルを保存できません。ファイルを添付せずにメッセージを送信するか、運営会社にお問い合わせください。
error-unavailable = サポートポータルは一時的にご利用いただけません。しばらくしてからもう一度お試しください。
error-internal = システムで問題が発生しました。もう一度お試しください。
error-network = サポートポータルに接続できませんでした。接続状況を確認して、もう一度お試しください。
error-malformed = リクエストの形式が正しくありません。

## Which company a new ticket is for

new-ticket-company = 会社
new-ticket-choose-company = このお問い合わせの対象となる会社を選択してください。

## The customer's account and the standalone portal

error-code-used = このログインリンクは期限切れか、すでに使用されています。サイトからもう一度ポータルを開いてください。
frame-open-new-tab = 新しいタブで開く
frame-sign-out = ログアウト
account-signed-out-everywhere = すべての場所からログアウトしました。
account-link = アカウント
account-title = アカウント
account-sessions = ログイン中の場所
account-when = 日時
account-where = 場所
account-origin = サイト
account-browser = ブラウザー
account-state = 状態
account-event = 内容
account-session-live = ログイン中
account-session-ended = 終了
account-embedded = 企業のサイト上
account-standalone = サポートポータル
account-sign-out-everywhere = すべての場所からログアウト
account-data = あなたのデータ
account-data-hint = プロフィール、作成したチケットとその公開メッセージ、添付ファイルの一覧です。
account-download-json = データをダウンロード（JSON）
account-download-files = データとファイルをダウンロード（zip）
account-log = アクセス履歴
account-event-signed-in = ログイン
account-event-refused = ログイン拒否
account-event-exported = データのダウンロード
account-event-signed-out-everywhere = すべての場所からログアウト
standalone-sign-in-from-site = チケットを表示するには、企業のサイトにログインし、そこからサポートポータルを開いてください。
standalone-sign-in-again = もう一度ログイン
standalone-cross-site = このリクエストはサポートポータルのページから送信されていないため、何も実行されませんでした。

## Email to customers

mail-reply-subject = チケット #{ $number } に新しい返信があります：{ $title }
mail-reply-intro = { $author } さんがチケット #{ $number } に返信しました：
mail-reply-open = チケットを開く
mail-reply-footer = { $workspace } にサポートチケットがあるため、このメールをお送りしています。
mail-unsubscribe = 配信停止
mail-unsubscribe-ask = チケットへの返信時のメールを停止しますか？アカウントでいつでも再開できます。
mail-unsubscribed = 完了しました。チケットへの返信に関するメールは今後届きません。
mail-unsubscribe-unknown = この配信停止リンクは無効です。
account-email = メール
account-email-on = チケットに返信があるとメールが届きます。
account-email-off = チケットに返信があってもメールは届きません。
account-email-turn-off = メールを停止
account-email-turn-on = メールを再開

# Email sign-in (standalone portal)
email-sign-in-intro = メールアドレスを入力してください。サインイン用のコードをお送りします。
email-sign-in-email = メールアドレス
email-sign-in-send = コードを送信
email-sign-in-sent = { $email } がこのポータルを利用できる場合、コードをお送りしました。コードは 15 分間、1 回だけ使えます。
email-sign-in-code = メールに記載のコード
email-sign-in-submit = サインイン
email-sign-in-wrong = このコードは正しくないか、有効期限が切れています。最新のメールを確認するか、新しいコードを請求してください。
email-sign-in-new-code = 新しいコードを送信
email-sign-in-site = 代わりに会社のウェブサイトでサインイン
email-sign-in-link-used = このサインインリンクは使用済みか、有効期限が切れています。新しいコードを請求してください。
email-sign-in-bad-email = メールアドレスではありません。
email-sign-in-wait = コードの請求が多すぎます。数分後にもう一度お試しください。
mail-sign-in-subject = { $workspace } のサインインコード
mail-sign-in-intro = サインインページでこのコードを入力してください。15 分間、1 回だけ使えます:
mail-sign-in-open = または、このリンクからサインイン
mail-sign-in-ignore = サインインを請求していない場合は、このメールを無視してください。
