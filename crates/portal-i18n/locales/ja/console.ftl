# What agents and admins read: the console. A reason ($reason, and the
# messages that say why something was refused) is a clause that follows a
# lead such as "Nothing was changed:" and ends with its own full stop.
# Arguments: $count and $minutes are numbers (they choose plural forms);
# $n, $matching, $customers and $percent are numbers already written in the
# language's digits.

## The frame of every page

console-brand = サポートコンソール
console-page-title = { $page } · サポートコンソール
console-nav-inbox = 受信箱
console-nav-customers = 顧客
console-nav-companies = 会社
console-nav-settings = ポータル設定
console-nav-embed = 埋め込みコード
console-nav-accounts = アカウント
console-nav-your-account = あなたのアカウント
console-nav-who = { $name }（{ $role }）
console-sign-out = ログアウト
console-role-admin = 管理者
console-role-agent = エージェント
console-problem-title = 実行できません
console-save = 保存
console-saved = 保存しました。
console-next-page = 次のページ
console-nobody = なし
console-none = なし
console-list-and = { $first }と{ $second }

## Words shared by tables and forms

console-col-title = タイトル
console-col-state = ステータス
console-col-type = 種類
console-col-customer = 顧客
console-col-company = 会社
console-col-assignee = 担当者
console-col-updated = 更新日時
console-col-email = メールアドレス
console-col-name = 名前
console-col-companies = 会社
console-col-tickets = お問い合わせ
console-col-access = アクセス
console-col-key = キー
console-col-members = メンバー
console-col-role = 役割
console-col-since = 登録日時

## Leads before a reason

console-nothing-changed = 変更されていません：{ $reason }
console-nothing-sent = 送信されていません：{ $reason }
console-nothing-to-open = 開けません：{ $reason }
console-inbox-refused = この一覧は表示できません：{ $reason }

## Signing in

console-sign-in = ログイン
console-login-workspace = ワークスペース
console-login-email = メールアドレス
console-login-password = パスワード
console-sign-in-wrong = ワークスペース、メールアドレス、またはパスワードが正しくありません。
console-sign-in-paused = このアカウントは一時停止中です。ワークスペースの管理者が再開できます。
console-sign-in-held = この場所からのログイン失敗が多すぎます。{ $minutes }分後にもう一度お試しください。
console-busy = 現在、多くのパスワードを確認しています。数秒後にもう一度お試しください。
console-unavailable = コンソールは一時的に利用できません。
console-cross-site = このフォームはコンソールのページから送信する必要があります。
console-admins-only = このページは管理者のみ開けます。

## What the store refused or could not do

console-store-no-company = 会社「{ $key }」は存在しません。
console-store-key-reused = このメッセージは別の内容ですでに送信されています。
console-store-ticket-closed = このお問い合わせはクローズされています。
console-store-not-found = 存在しません。
console-store-unavailable = 現在データベースを利用できません。何も変更されていません。
console-store-failed = サーバーで問題が発生しました（詳細はサーバーのログにあります）。何も変更されていません。
console-workspace-gone = このワークスペースはもう存在しません。
console-no-such-action = 操作「{ $action }」はありません。

## The inbox

console-inbox-title = 受信箱
console-inbox-search = お問い合わせを検索
console-inbox-any-state = すべてのステータス
console-inbox-any-type = すべての種類
console-inbox-anyone = すべての担当者
console-inbox-me = 自分
console-inbox-company-key = 会社キー
console-inbox-sort = 並び順
console-inbox-default-order = 標準の並び順
console-inbox-show = 表示
console-inbox-empty = 該当するお問い合わせはありません。
console-inbox-no-such-account = 絞り込みに使うアカウント「{ $id }」はありません。
console-preview-author = { $author }：

## A ticket

console-ticket-title = お問い合わせ #{ $number }
console-ticket-gone = このお問い合わせは存在しません。
console-back-to-inbox = ← 受信箱
console-ticket-opened = 作成日時
console-ticket-channel = チャネル
console-internal-note = 社内メモ
console-author-customer = 顧客
console-author-agent = エージェント
console-composer-placeholder = 返信、またはエージェントだけが見るメモを入力してください
console-composer-reply = 顧客に返信
console-composer-note = 社内メモを追加
console-composer-choose = 返信するか、メモを追加するかを選んでください。
console-ticket-no-state = ステータス「{ $state }」はありません。
console-ticket-no-account = アカウント { $id } はここにはありません。

## Customers

console-customers-title = 顧客
console-customers-search = メールアドレスまたは名前
console-customers-find = 検索
console-customers-active = 有効
console-customers-disabled = 無効
console-customers-outside = 対象外
console-customer-title = 顧客
console-customer-gone = この顧客は存在しません。
console-back-to-customers = ← 顧客
console-customer-access-active = 有効
console-customer-access-disabled = 無効
console-customer-access-outside = ポータルの対象外
console-customer-attributes = 属性（キー = 値、1 行に 1 つ）
console-customer-companies = 会社（キー、カンマ区切り）
console-customer-enable = この顧客を有効にする
console-customer-disable = この顧客を無効にする（セッションはすぐに終了します）
console-customer-write-key-value = 「{ $line }」：キー = 値 の形式で入力してください。
console-customer-saved = 保存しました。表示ルールと対象が再適用されます。
console-customer-choose-access = 有効にするか無効にするかを選んでください。
console-customer-disabled = 無効にしました。この顧客のセッションは終了しました。
console-customer-enabled = 有効にしました。

## Companies

console-companies-title = 会社
console-companies-key-example = example-corp
console-companies-name-example = 株式会社サンプル
console-companies-save = 追加または名前を変更
console-companies-saved = 会社「{ $key }」を保存しました。
console-company-title = 会社
console-company-gone = この会社は存在しません。
console-back-to-companies = ← 会社
console-company-remove = 外す
console-company-member-email = 顧客のメールアドレス
console-company-add-member = メンバーを追加
console-company-no-customer = 顧客 { $email } はいません。
console-company-add-or-remove = 追加するメールアドレスか、外すメンバーを指定してください。
console-company-no-such-customer = その顧客はいません。
console-company-added = 追加しました。表示ルールと対象が再適用されます。
console-company-removed = 外しました。表示ルールと対象が再適用されます。

## Accounts

console-accounts-title = アカウント
console-accounts-save-role = 役割を保存
console-accounts-pause = 一時停止
console-accounts-resume = 再開
console-accounts-remove = 削除
console-accounts-paused-role = { $role }（一時停止中）
console-accounts-add-heading = アカウントを追加
console-accounts-name = 返信で顧客に表示される名前
console-accounts-password = パスワード（空欄の場合は自動生成され、一度だけ表示されます）
console-accounts-add = アカウントを追加
console-accounts-added-generated = { $email } はパスワード { $password } でログインできます（この表示は一度だけです）。
console-accounts-added-chosen = { $email } は選択したパスワードでログインできます。
console-accounts-not-hashed = パスワードをハッシュ化できませんでした。
console-accounts-no-such-account = そのアカウントはありません。
console-accounts-not-yourself = 自分のアカウントの変更や削除は、別の管理者が行います。
console-accounts-now-admin = このアカウントは管理者になりました。
console-accounts-now-agent = このアカウントはエージェントになりました。
console-accounts-paused = アカウントを一時停止しました。ログイン中のセッションは終了しました。
console-accounts-resumed = アカウントを再開しました。再びログインできます。
console-accounts-removed = アカウントを削除しました。ログイン中のセッションは終了しました。

## Your account

console-account-name = 返信で顧客に表示されるあなたの名前
console-account-save-name = 名前を保存
console-account-current-password = 現在のパスワード
console-account-new-password = 新しいパスワード（{ $min } 文字以上）
console-account-change-password = パスワードを変更
console-account-gone = このアカウントはもう存在しません。
console-account-password-held = 現在のパスワードの誤りが多すぎます。{ $minutes }分後にもう一度お試しください。
console-account-wrong-password = 現在のパスワードが正しくありません。
console-account-password-changed = パスワードを変更しました。ほかのセッションは終了しました。
console-account-name-saved = 名前を保存しました。次の返信から表示されます。

## Why a console value was refused

console-error-role = 役割は admin または agent である必要があります（「{ $role }」は使えません）。
console-error-password-length = パスワードは { $min }～{ $max } 文字にしてください。
console-error-brand-color = ブランドカラーは #3b5bdb のような 16 進数の色にしてください。
console-error-logo-url = ロゴの URL は、空白や引用符を含まない https:// のアドレス（http:// は localhost のみ）で、{ $max } 文字以内にしてください。
console-error-theme = テーマは auto、light、dark のいずれかにしてください。
console-error-greeting = あいさつ文は 1 行、{ $max } 文字以内にしてください。
console-error-agent-name = 表示名は制御文字を含まない 1～{ $max } 文字にしてください。
console-error-translation-too-long = 翻訳「{ $text }」が { $max } 文字を超えています。
console-error-translation-control = 翻訳「{ $text }」に制御文字が含まれています。

## Portal settings

console-settings-lead = 変更は、埋め込まれたポータルの次回読み込み時に反映されます。サイトのページはそのままです。
console-settings-no-section = 設定「{ $section }」はありません。
console-settings-look = あいさつ文と外観
console-settings-greeting = あいさつ文
console-settings-brand-color = ブランドカラー
console-settings-logo = ロゴの URL（https）
console-settings-theme = テーマ
console-theme-auto = 自動
console-theme-light = ライト
console-theme-dark = ダーク
console-settings-save-look = 外観を保存
console-settings-look-saved = あいさつ文と外観を保存しました。ポータルの次回読み込み時に表示されます。
console-settings-origins = 埋め込みを許可するオリジン
console-settings-origins-hint = 1 行に 1 つ、https://www.example.com のように入力します。これらのオリジンのページだけが、ポータルを表示してやり取りできます。
console-settings-save-origins = オリジンを保存
console-settings-origins-saved = 許可するオリジンを { $count } 件保存しました。
console-settings-behaviour = セッション、再オープン、検索、言語
console-settings-session-hours = セッションの有効期間（時間、1 以上）
console-settings-reopen = 顧客はクローズされたお問い合わせに返信して再オープンできる
console-settings-search-preview = 検索結果にプレビュー列を表示する
console-settings-default-language = 既定の言語
console-settings-default-language-hint = ポータルは可能な限り各顧客の言語で表示し、それ以外はこの言語を使います。コンソールも同様です。あいさつ文、お問い合わせの種類、属性名はこの言語で書きます。
console-settings-hours-number = セッションの有効期間は時間単位の整数にしてください（「{ $value }」は使えません）。
console-settings-hours-max = セッションの有効期間は最長 { $max } 時間です。
console-settings-no-language = 言語「{ $tag }」はありません。
console-settings-behaviour-saved = 保存しました。新しいセッションには新しい有効期間が適用されます。
console-settings-types = お問い合わせの種類
console-settings-types-hint = 1 行に 1 つ、顧客に表示する順に入力します（1～50 件）。
console-settings-save-types = 種類を保存
console-settings-types-saved = お問い合わせの種類を { $count } 件保存しました。
console-settings-attributes = 顧客に表示するお問い合わせの属性
console-settings-attributes-hint = 1 行に 1 つ：キー = 表示名。
console-settings-save-attributes = 属性を保存
console-settings-write-key-name = 「{ $line }」：キー = 表示名 の形式で入力してください。
console-settings-attributes-saved = 顧客にはお問い合わせの属性が { $count } 件表示されます。
console-settings-attachments = 添付ファイル
console-settings-max-files = 1 メッセージあたりのファイル数（0～6）
console-settings-max-kb = 最大ファイルサイズ（KB、3072 まで）
console-settings-save-limits = 上限を保存
console-settings-files-number = ファイル数は整数にしてください。
console-settings-size-number = ファイルサイズは整数にしてください。
console-settings-attachments-saved = 1 ファイル { $size } まで、最大 { $count } 件です。
console-settings-storage = ファイルは、このワークスペースが保存できる { $quota } のうち { $used } を使用しています（{ $percent }%）。この容量はポータルの運用者が設定します。超えると、顧客のアップロードは拒否されます。
console-settings-visibility = お問い合わせの表示範囲
console-settings-restricted = 会社のお問い合わせを見られる人を制限する
console-settings-visibility-hint = 制限すると、すべての条件に一致する顧客は自分のお問い合わせだけを、それ以外の顧客は会社のお問い合わせも見られます（条件なし：全員が自分のものだけを見られます）。1 行に 1 つ：属性 演算子 値（例：email ends_with @example.com）。属性：{ $fields }（サイトが署名しない顧客の名前は使えません）。演算子：equals、contains、starts_with、ends_with。
console-settings-conditions = 条件
console-settings-preview = プレビュー
console-settings-save-visibility = 表示範囲を保存
console-settings-visibility-saved = お問い合わせの表示ルールを保存し、すべての顧客に適用しました。
console-settings-audience = ポータルを利用できる人
console-settings-audience-hint = すべての条件に一致する顧客（条件なし：サイトが確認したすべての人）。属性：{ $fields }（サイトが署名しない顧客の名前は使えません）。
console-settings-save-audience = 対象を保存
console-settings-audience-saved = 対象を保存し、すべての顧客に適用しました。
console-preview-audience = 顧客 { $customers } 人中 { $matching } 人が一致します。
console-preview-visibility = 顧客 { $customers } 人中 { $matching } 人が自分のお問い合わせだけを見られます。
console-preview-unavailable = 現在プレビューを利用できません。

## Translations

console-settings-translations = 翻訳
console-settings-translations-hint = ほかの言語で顧客に表示する、あいさつ文、お問い合わせの種類、属性名です。元の文は既定の言語である{ $language }で書かれています。空欄の項目は元の文のまま表示されます。
console-settings-translations-language = 言語
console-settings-translations-show = 表示
console-settings-translations-attributes = お問い合わせの属性
console-settings-save-translations = 翻訳を保存
console-settings-translations-default = { $language }は既定の言語です。その文は上で書いたものです。
console-settings-translations-saved = { $language }の文を保存しました。ポータルの次回読み込み時に表示されます。

## Embed code

console-embed-status = 状態
console-embed-is-enabled = ポータルは有効です。
console-embed-is-disabled = ポータルは無効です。
console-embed-needs = 有効にするには、{ $needs }が必要です。
console-embed-needs-origin = 埋め込みを許可するオリジン 1 つ以上（ポータル設定）
console-embed-needs-secret = 本人確認用のシークレット（下の「シークレットを生成」）
console-embed-cannot-enable = ポータルはまだ有効にできません。{ $needs }が必要です。
console-embed-enable = ポータルを有効にする
console-embed-disable = ポータルを無効にする
console-embed-enabled-done = ポータルを有効にしました。下のコードをサイトにコピーしてください。
console-embed-disabled-done = ポータルを無効にしました。フレームにはその旨が表示され、セッションは開かれません。
console-embed-sign-in = 顧客のサインイン方法
console-embed-is-hash-allowed = サイトは検証ハッシュまたは署名付きトークン（JWT）で顧客をサインインさせることができます。
console-embed-is-jwt-only = 顧客をサインインさせられるのは署名付きトークン（JWT）だけです。検証ハッシュは拒否されます。
console-embed-jwt-hint = 署名付きトークン（JWT、下のシークレットによる HS256）は 10 分以内に失効し、一度しか使えないため、コピーされても役に立ちません。
console-embed-require-jwt = 署名付きトークン（JWT）のみ受け付ける
console-embed-allow-hash = 検証ハッシュも受け付ける
console-embed-jwt-only-done = 今後、顧客をサインインさせられるのは署名付きトークン（JWT）だけです。開いているセッションはそのまま続きます。
console-embed-hash-allowed-done = 署名付きトークンに加えて、検証ハッシュでも再び顧客がサインインできます。
console-embed-step-head = 1. これをページの <head> に貼り付けます
console-embed-step-frame = 2. ポータルを表示したい場所にフレームを置きます
console-embed-step-csp = 3. サイトの Content-Security-Policy で許可します
console-embed-step-sign = 4. 各ユーザーをサーバーで署名します
console-embed-step-sign-hint = ユーザーのログイン後に { $init } を、ログアウト時に { $stop } を呼び出します。ハッシュは、メールアドレスをシークレットで HMAC-SHA256 したもので、小文字の 16 進数です。シークレットはサーバーに保管してください。
console-embed-copy = コピー
console-embed-copied = コピーしました
console-embed-secret = 本人確認用のシークレット
console-embed-generate-secret = シークレットを生成
console-embed-reveal-secret = シークレットを表示
console-embed-secret-exists = このワークスペースにはすでにシークレットがあります。置き換えるにはローテーションしてください。
console-embed-secret-generated = 新しいシークレットを生成しました。サイトのサーバー設定に入れてください。
console-embed-retiring = 以前のシークレットも { $time } まで確認に使えます。
console-embed-overlap = 古いシークレットを使える期間
console-embed-overlap-none = なし：古いシークレットをすぐに廃止
console-embed-overlap-hours = { $hours } 時間
console-embed-overlap-days = { $days } 日
console-embed-rotate = シークレットをローテーション
console-embed-bad-overlap = 変更されていません：重複期間は { $hours } 時間から選んでください。
console-embed-rotated-now = シークレットをローテーションしました。古いシークレットはもう確認に使えず、そのセッションは終了しました。
console-embed-rotated-overlap = シークレットをローテーションしました。古いシークレットはあと { $hours } 時間確認に使え、その後廃止されてセッションは終了します。

## Testing the portal as a customer

console-test-as-title = 顧客としてテスト
console-test-as-hint = この顧客としてここでポータルを開きます。サイトと同じように、ワークスペースのシークレットで署名されます。
console-test-as-open = この顧客としてポータルを開く
console-test-as-no-secret = このワークスペースにはまだシークレットがありません。「埋め込みコード」ページで生成してください。
console-test-as-seeing = { $email } としてポータルを表示しています。ここでの操作は、この顧客として行われます。
console-test-as-frame = 顧客に見えるポータル

console-settings-form = 新規お問い合わせフォームの項目
console-settings-form-hint = お問い合わせ作成時に顧客が入力する項目（お問い合わせの属性になります）。1 行に 1 つ：key | ラベル | text、number、date または choice: A, B [| required]。例：plan | プラン | choice: Free, Pro | required
console-settings-save-form = フォームを保存
console-settings-form-saved = 新規お問い合わせフォームの項目：{ $count ->
       *[other] { $count } 件
    }

## The standalone portal and customers' sessions

console-error-sign-in-url = ログインページは https:// のアドレス（http:// は localhost のみ）で、空白・引用符・# を含まず、{ $max } 文字以内にしてください。
console-error-portal-host = ホスト名は support.example.com のような DNS 名（ポート指定は任意）にしてください。
console-settings-standalone = 単独ポータル
console-settings-standalone-hint = 顧客はポータルを単独のサイトとしても利用できます（{ $address } または専用のホスト名）。
console-settings-sign-in-url = 自社サイトのログインページ（カスタムサインオン）
console-settings-sign-in-url-hint = 未ログインの訪問者は return_to 付きでこのページに送られます。ログイン後、そのアドレスに &jwt= と署名付きトークンを付けて戻してください。空欄の場合、カスタムサインオンは使いません。
console-settings-new-tab = 埋め込みポータルに「新しいタブで開く」を表示する
console-settings-email-sign-in = メールで送るワンタイムコードでのサインインを許可する
console-settings-email-sign-in-hint = コードが届くのは、ワークスペースが既に知っている顧客だけです。どのアドレスにも同じ応答を返します。
console-settings-email-sign-in-no-mail = SMTP サーバーが設定されていません。設定されるまで (smtp_url と mail_from)、メールでのサインインは無効のままです。
console-settings-host = 専用ホスト名
console-settings-host-hint = この名前をリバースプロキシに向けてください。プロキシが TLS を処理し、Host ヘッダーを保ったままポータルへ転送します。空欄の場合はなし。
console-settings-host-is-public = それはポータル自身のアドレスです。別のホスト名を選んでください。
console-settings-standalone-saved = 単独ポータルの設定を保存しました。
console-customer-sessions = セッション
console-session-opened = 開始
console-session-where = 場所
console-session-origin = オリジンまたはホスト
console-session-browser = ブラウザー
console-session-state = 状態
console-session-embedded = 埋め込み
console-session-standalone = 単独
console-session-live = 有効
console-session-ended = 終了

## Email to customers

console-mail-failed = 返信のメールを配信できませんでした
console-mail-on = 顧客へのメールは有効です。担当者の返信が通知されます。
console-mail-off = 顧客へのメールは無効です。SMTP サーバー（smtp_url と mail_from）が設定されていないため、何も送信されません。

# The settings' mail card
console-settings-mail = メール
console-settings-mail-from-name = 送信者名
console-settings-mail-reply-to = 返信先アドレス
console-settings-mail-reply-to-hint = 空欄の場合、返信は送信元アドレスに届きます。ヘルプデスクのアドレスを設定すると、返信はそこに届きます。
console-settings-mail-reply-to-inbound = 返信はポータルに戻り (inbound_address が設定済み)、それぞれのチケットに入ります。このアドレスは使われません。
console-settings-mail-saved = メールの設定を保存しました。
console-error-sender-name = 送信者名は 1 行で { $max } 文字以内にしてください。
console-error-reply-to = 返信先アドレスはメールアドレスにするか、空欄にしてください。
console-settings-site-page = サイトのサポートページ
console-settings-site-page-hint = メール内のリンクがチケットを開く場所です。ポータルのフレームを置いたページ (例: https://app.acme.com/support) を指定すると、ローダーが #ticket= のチケットを開きます。空欄の場合、リンクはスタンドアロンポータルを開きます。
console-error-site-page = サイトのサポートページは、空白・引用符・# を含まない { $max } 文字以内の https:// アドレス (localhost のみ http://) にしてください。
