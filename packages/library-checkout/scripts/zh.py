# Fills the zh-CN <target> of every trans-unit from the table below ({0}, {1}: the placeholders in source order).
import re, sys
ZH = {
'Put it back on the shelf; you can reserve it from the catalogue.': '请放回书架；可以在“查找图书”里预约。',
'Read it here in the library; please put it back on the shelf after reading.': '请在馆内阅读，读完放回书架。',
'Return a book first, then borrow this one.': '请先还一本书，再借这本。',
'Return the overdue books first (no sign-in needed: "Return books"), then borrow again.': '请先归还逾期的书（无需登录：“还书”），再来借书。',
'Pay the fines at the library desk or to the village librarian, then borrow again.': '请到图书馆服务台或向村图书管理员缴清罚款，再来借书。',
'Renew your card at the library desk.': '请到图书馆服务台续办借书证。',
'Someone else has borrowed it and not returned it yet: hand it to the librarian.': '此书已被他人借出且未归还：请交给图书管理员。',
'This barcode is not in the catalogue. Scan the library label on the book, or hand it to the librarian.': '馆藏中没有这个条码。请扫描书上的图书馆标签，或交给图书管理员。',
'Put it back on the shelf.': '请放回书架。',
'Please return it; it can then be borrowed again.': '请先归还，之后可以再借。',
'Return it by the due date; it cannot be renewed again.': '请在到期日前归还，不能再续借。',
'It is on the shelf now: just take it and borrow it.': '此书现在就在书架上：直接取下来借即可。',
'Cancel a hold you no longer need, or wait until one is picked up.': '请取消不再需要的预约，或等已到的预约取走后再预约。',
'Check the card number and PIN and try again.': '请核对卡号和密码后重试。',
'Enter your PIN on the keypad.': '请在键盘上输入密码。',
'Wait, or ask the librarian for help.': '请稍候，或请图书管理员帮忙。',
'Something went wrong on this kiosk. Please try again.': '本机出现问题，请重试。',
'Renewed {0}; {1} could not be renewed (see below).': '已续借 {0} 本；{1} 本未能续借（见下方）。',
'Renewed {0}.': '已续借 {0} 本。',
'Renewed. It was overdue: a fine of {0} was added for the late days.': '已续借。此书已逾期：逾期天数记了 {0} 罚款。',
'Reserved. We will keep it for you when it comes back; see "My account".': '预约成功。书还回后会为您保留；请看“我的账户”。',
'The hold is cancelled.': '预约已取消。',
'No answer from the library: this was NOT done. Please try again.': '图书馆系统没有回应：此操作未完成，请重试。',
'Connecting to the library…': '正在连接图书馆…',
'The library system is not answering': '图书馆系统暂时无法连接',
'Borrowing, returning and renewing are paused. Nothing was changed: books you scanned before this screen keep what their rows said.': '借书、还书和续借暂停。没有任何改动：此前扫描的书以各自显示的结果为准。',
'You can put returned books in the return box; the librarian will check them in.': '要还的书可以放进还书箱，图书管理员会为您办理归还。',
'Try again': '重试',
'That is the book’s ISBN bar code. Scan the library label (the sticker with "CK…"), usually inside the cover.': '这是书的 ISBN 条码。请扫描图书馆标签（印有“CK…”的贴纸），一般在封面内侧。',
'Only part of the code was read. Hold the label flat under the scanner and scan again.': '只读到了部分条码。请把标签平放在扫描器下再扫一次。',
'The scanner sent something that is not a library code. Scan again; if it keeps happening, ask the librarian.': '扫描器读到的不是图书馆条码。请再扫一次；如果一直这样，请找图书管理员。',
'Signed in: {0}': '已登录：{0}',
'Library self-service': '图书自助借还',
'To borrow, scan your library card under the scanner.': '借书请把借书证放到扫描器下扫描。',
'Type my card number': '输入卡号',
'Return books (no card needed)': '还书（无需借书证）',
'Search the catalogue': '查找图书',
'Sign in': '登录',
'Card number (the digits on your library card)': '卡号（借书证上的数字）',
'Back': '返回',
'Enter your PIN': '请输入密码',
'Card scanned. Enter your PIN to sign in (6 digits unless the library told you otherwise).': '已读取借书证。请输入密码登录（一般为 6 位数字）。',
'PIN': '密码',
'Signing in…': '正在登录…',
'Cancel': '取消',
'Checking…': '正在查询…',
'Not lent': '未借出',
'Not done: no answer from the library': '未完成：图书馆系统没有回应',
'Scan it again: it is never lent twice.': '请再扫一次：同一本书不会被借两次。',
'The connection was lost before the library answered.': '图书馆回应前网络中断了。',
'Already on your card': '已在您的借阅中',
'Borrowed': '已借出',
'Due {0}': '{0}到期',
'Returned': '已归还',
'Someone is waiting for it: put it on the hold shelf, bin {0}.': '有读者在等这本书：请放到预约书架 {0} 号格。',
'Someone is waiting for it: put it on the hold shelf.': '有读者在等这本书：请放到预约书架。',
'Put it in the return box.': '请放进还书箱。',
'It was late: a fine of {0} was added to the card. Pay it at the library desk.': '逾期归还：借书证上记了 {0} 罚款。请到图书馆服务台缴纳。',
'Not returned': '未归还',
'The scanner does not work? Type the number under the bar code': '扫描器不好用？输入条码下方的数字',
'Borrow': '借书',
'This card cannot borrow now.': '此借书证现在不能借书。',
'Scan the next book, or finish.': '请扫描下一本书，或点“完成”。',
'Scan the library label of each book, one after another.': '请逐本扫描书上的图书馆标签。',
'Books scanned': '已扫描的书',
'Item number': '图书条码号',
'My account': '我的账户',
'Search': '查找',
'Finish': '完成',
'Return books': '还书',
'Scan each book you bring back. No card needed.': '请逐本扫描要还的书，无需借书证。',
'Books returned': '已还的书',
'Done': '完成',
'On loan ({0} of {1})': '在借（{0} / {1} 本）',
'Overdue since {0}': '自{0}起逾期',
'Renew': '续借',
'Renew all': '全部续借',
'Nothing on loan.': '没有在借的书。',
'Holds': '预约',
'Ready to pick up at the desk until {0}': '可到服务台取书，保留到{0}',
'Ready to pick up at the desk': '可到服务台取书',
'Waiting: number {0} in the queue': '等待中：排第 {0} 位',
'Cancel hold': '取消预约',
'No holds.': '没有预约。',
'Fines': '罚款',
'Total {0}.': '合计 {0}。',
'Above the {0} limit: borrowing is paused until you pay at the library desk or to the village librarian.': '超过 {0} 的上限：请到图书馆服务台或向村图书管理员缴清后才能借书。',
'Pay at the library desk or to the village librarian when you can.': '方便时请到图书馆服务台或向村图书管理员缴纳。',
'No fines.': '没有罚款。',
'Reading your account…': '正在读取您的账户…',
'Borrow more': '继续借书',
'This ISBN is not right: its last digit does not match the others. Check the number on the back of the book.': '这个 ISBN 不对：最后一位校验码与前面的数字不符。请核对书背面的号码。',
'An ISBN has 10 or 13 digits. Check the number on the back of the book.': 'ISBN 是 10 位或 13 位数字。请核对书背面的号码。',
'Type a title, an author, an ISBN, or the first letters of the pinyin of a title (hlm for 红楼梦). You can also scan the ISBN bar code on a book.': '输入书名、作者、ISBN，或书名拼音首字母（如 hlm 找《红楼梦》）。也可以扫描书上的 ISBN 条码。',
'Title, author, ISBN or initials': '书名、作者、ISBN 或首字母',
'Searching…': '正在查找…',
'Nothing found for "{0}". Try fewer words, the author, or the pinyin initials.': '没有找到“{0}”。试试少输几个字、输入作者或拼音首字母。',
'Titles found: {0}': '找到 {0} 种',
'{0} copies': '共 {0} 册',
'All copies are out': '全部借出',
'{0} of {1} on the shelf': '在架 {0} / {1} 册',
'Shelf {0}': '索书号 {0}',
'Reserve': '预约',
'Sign in to reserve': '登录后可预约',
'Library receipt': '借阅凭条',
'Renewed': '已续借',
'due': '到期',
'Your receipt': '您的凭条',
'Renewed, due {0}': '已续借，{0}到期',
'Scan with your phone to keep this list': '用手机扫码保存此清单',
'Scan with your phone to keep this list. Nothing is kept on this kiosk.': '用手机扫码保存此清单。本机不保留任何记录。',
'Take your printed receipt.': '请取走打印的凭条。',
}
path = sys.argv[1]
s = open(path).read()
missing = []
def fill(m):
    unit = m.group(0)
    src = re.search(r'<source>(.*?)</source>', unit, re.S).group(1)
    xs = re.findall(r'<x [^>]*/>', src)
    key = src
    for i, x in enumerate(xs):
        key = key.replace(x, '{%d}' % i)
    key = key.replace('&quot;', '"').replace('&amp;', '&')
    zh = ZH.get(key)
    if zh is None:
        missing.append(key)
        return unit
    zh = zh.replace('&', '&amp;').replace('<', '&lt;')
    for i, x in enumerate(xs):
        zh = zh.replace('{%d}' % i, x)
    unit = re.sub(r'\s*<target>.*?</target>', '', unit, flags=re.S)
    return unit.replace('</source>', '</source>\n  <target>%s</target>' % zh, 1)
s = re.sub(r'<trans-unit.*?</trans-unit>', fill, s, flags=re.S)
open(path, 'w').write(s)
if missing:
    print('MISSING', *missing, sep='\n')
    sys.exit(1)
