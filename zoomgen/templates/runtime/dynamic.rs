//! Postman's dynamic variables (`{{$guid}}`, `{{$timestamp}}`, `{{$randomInt}}`, ...): a fresh
//! value on every use, in the format Postman sends. Those made from word lists (names, lorem
//! ipsum, companies, ...) are in `words`.

mod words;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A fresh value of the dynamic variable `name` (with its `$`), or `None` if Postman has none.
pub(super) fn value(name: &str) -> Option<String> {
    plain(name).or_else(|| words::value(name))
}

/// The variables made without word lists.
fn plain(name: &str) -> Option<String> {
    if let Some(category) = image_category(name) {
        return Some(format!("http://placeimg.com/640/480/{category}"));
    }
    let value = match name {
        "$guid" | "$randomUUID" => uuid::Uuid::new_v4().to_string(),
        "$timestamp" => ((now_ms() + 500) / 1000).to_string(),
        "$isoTimestamp" => humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
        "$randomInt" => fastrand::u32(0..=1000).to_string(),
        "$randomBoolean" => fastrand::bool().to_string(),
        "$randomAlphaNumeric" => chars(b"0123456789abcdefghijklmnopqrstuvwxyz", 1),
        "$randomPassword" => chars(PASSWORD_CHARS, 15),
        "$randomPhoneNumber" => phone(),
        "$randomPhoneNumberExt" => format!("{}-{}", fastrand::u8(1..=99), phone()),
        "$randomLocale" => pick(LOCALES).to_owned(),
        "$randomDirectoryPath" => pick(DIRECTORY_PATHS).to_owned(),
        "$randomLatitude" => fixed4(fastrand::i32(-900_000..=900_000)),
        "$randomLongitude" => fixed4(fastrand::i32(-1_800_000..=1_800_000)),
        "$randomDatePast" => js_date(now_ms().saturating_sub(fastrand::u64(1000..=YEAR_MS))),
        "$randomDateFuture" => js_date(now_ms() + fastrand::u64(1000..=YEAR_MS)),
        "$randomDateRecent" => js_date(now_ms().saturating_sub(fastrand::u64(1000..=DAY_MS))),
        "$randomMonth" => pick(MONTHS).to_owned(),
        "$randomWeekday" => pick(WEEKDAYS).to_owned(),
        "$randomBankAccount" => digits(8),
        "$randomCreditCardMask" => digits(4),
        "$randomPrice" => price(),
        "$randomBitcoin" => bitcoin(),
        "$randomBankAccountIban" => iban(),
        "$randomImageUrl" => "http://placeimg.com/640/480".to_owned(),
        "$randomImageDataUri" => DATA_URI.to_owned(),
        "$randomProtocol" => pick(&["http", "https"]).to_owned(),
        "$randomDomainSuffix" => pick(&["com", "biz", "info", "name", "net", "org"]).to_owned(),
        "$randomIP" => format!("{}.{}.{}.{}", fastrand::u8(..), fastrand::u8(..), fastrand::u8(..), fastrand::u8(..)),
        "$randomIPV6" => joined(8, ":", || chars(b"0123456789abcdef", 4)),
        "$randomMACAddress" => joined(6, ":", || format!("{:02x}", fastrand::u8(..))),
        "$randomHexColor" => hex_color(),
        "$randomSemver" => format!("{}.{}.{}", fastrand::u8(0..=9), fastrand::u8(0..=9), fastrand::u8(0..=9)),
        "$randomCommonFileType" => pick(&["video", "audio", "image", "text", "application"]).to_owned(),
        "$randomCommonFileExt" => pick(fastrand::choice(COMMON_FILE_EXTS).copied().unwrap_or_default()).to_owned(),
        "$randomFileType" => pick(FILE_TYPES).to_owned(),
        _ => return None,
    };
    Some(value)
}

const DAY_MS: u64 = 24 * 3600 * 1000;
const YEAR_MS: u64 = 365 * DAY_MS;

/// Milliseconds since the Unix epoch.
fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A random element of `list` (`""` for an empty one).
fn pick(list: &[&'static str]) -> &'static str {
    fastrand::choice(list).copied().unwrap_or_default()
}

/// `count` random characters of the ASCII `alphabet`.
fn chars(alphabet: &[u8], count: usize) -> String {
    (0..count).filter_map(|_| fastrand::choice(alphabet)).map(|&b| char::from(b)).collect()
}

/// `count` random decimal digits.
fn digits(count: usize) -> String {
    chars(b"0123456789", count)
}

/// `count` pieces made by `piece`, joined by `separator`.
fn joined(count: usize, separator: &str, piece: impl FnMut() -> String) -> String {
    std::iter::repeat_with(piece).take(count).collect::<Vec<_>>().join(separator)
}

/// A US-style number, `!##-!##-####` where `!` is 2 to 9 (faker's first format).
fn phone() -> String {
    format!("{}{}-{}{}-{}", fastrand::u8(2..=9), digits(2), fastrand::u8(2..=9), digits(2), digits(4))
}

/// `units` ten-thousandths as a decimal with 4 places (`-12.3400`).
fn fixed4(units: i32) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let units = units.unsigned_abs();
    format!("{sign}{}.{:04}", units / 10_000, units % 10_000)
}

/// 0.00 to 1000.00, two decimals.
fn price() -> String {
    let cents = fastrand::u32(0..=100_000);
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// `#rrggbb` with each channel 0 to 128, as faker's `internet.color` makes it.
fn hex_color() -> String {
    let channel = || fastrand::u16(0..=256) / 2;
    format!("#{:02x}{:02x}{:02x}", channel(), channel(), channel())
}

/// A 25 to 34 character address starting with 1 or 3 (not checksummed, like faker's).
fn bitcoin() -> String {
    let rest = chars(b"123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ", fastrand::usize(24..=33));
    format!("{}{rest}", pick(&["1", "3"]))
}

/// An IBAN with a valid check number, in the layout of a random country.
fn iban() -> String {
    let (country, layout) = fastrand::choice(IBAN_LAYOUTS).copied().unwrap_or(("DE", "18n"));
    let bban = bban(layout);
    let remainder = format!("{bban}{country}00").chars().fold(0, |m, c| match c.to_digit(36) {
        Some(v) if v >= 10 => (m * 100 + v) % 97,
        Some(v) => (m * 10 + v) % 97,
        None => m,
    });
    format!("{country}{:02}{bban}", 98 - remainder)
}

/// The account part for a layout like `4a14n`: `n` digits, `a` capitals, `c` either.
fn bban(layout: &str) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let (mut out, mut count) = (String::new(), 0);
    for c in layout.chars() {
        if let Some(d) = c.to_digit(10) {
            count = count * 10 + d as usize;
            continue;
        }
        for _ in 0..count {
            let letter = c == 'a' || (c == 'c' && fastrand::u8(0..100) < 20);
            out.push_str(&if letter { chars(LETTERS, 1) } else { digits(1) });
        }
        count = 0;
    }
    out
}

/// `ms` after the epoch as JavaScript's `Date.prototype.toString()` writes it in UTC:
/// `Sat Mar 02 2024 12:21:13 GMT+0000 (Coordinated Universal Time)`.
fn js_date(ms: u64) -> String {
    let iso = humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_millis(ms)).to_string();
    let part = |range: std::ops::Range<usize>| iso.get(range).unwrap_or_default();
    let month = part(5..7).parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1)));
    let weekday = usize::try_from((ms / DAY_MS + 4) % 7).ok().and_then(|d| WEEKDAYS.get(d));
    let abbr = |name: Option<&&'static str>| name.and_then(|n| n.get(..3)).unwrap_or_default();
    format!(
        "{} {} {} {} {} GMT+0000 (Coordinated Universal Time)",
        abbr(weekday),
        abbr(month),
        part(8..10),
        part(0..4),
        part(11..19)
    )
}

/// The placeimg.com category of `$random<Category>Image`.
fn image_category(name: &str) -> Option<String> {
    const CATEGORIES: &[&str] = &[
        "abstract",
        "animals",
        "business",
        "cats",
        "city",
        "food",
        "nightlife",
        "fashion",
        "people",
        "nature",
        "sports",
        "transport",
    ];
    let category = name.strip_prefix("$random")?.strip_suffix("Image")?.to_ascii_lowercase();
    CATEGORIES.contains(&category.as_str()).then_some(category)
}

const PASSWORD_CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: &[&str] = &["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/// Postman's list of language codes for `$randomLocale`.
const LOCALES: &[&str] = &[
    "af", "am", "an", "ar", "ast", "az", "be", "bg", "bh", "bn", "br", "bs", "ca", "ceb", "ckb", "co", "cs", "cy",
    "da", "de", "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fil", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu",
    "ha", "haw", "he", "hi", "hmn", "hr", "ht", "hu", "hy", "ia", "id", "ig", "is", "it", "ja", "jv", "ka", "kk", "km",
    "kn", "ko", "ku", "ky", "la", "lb", "ln", "lo", "lt", "lv", "mg", "mi", "mk", "ml", "mn", "mo", "mr", "ms", "mt",
    "my", "nb", "ne", "nl", "nn", "no", "ny", "oc", "om", "or", "pa", "pl", "ps", "pt", "qu", "rm", "ro", "ru", "sd",
    "sh", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "to", "tr", "tt", "tw", "ug", "uk", "ur", "uz", "vi", "wa", "xh", "yi", "yo", "zh", "zu",
];

/// Postman's list of directories for `$randomDirectoryPath`.
const DIRECTORY_PATHS: &[&str] = &[
    "/Applications",
    "/bin",
    "/boot",
    "/boot/defaults",
    "/dev",
    "/etc",
    "/etc/defaults",
    "/etc/mail",
    "/etc/namedb",
    "/etc/periodic",
    "/etc/ppp",
    "/home",
    "/home/user",
    "/home/user/dir",
    "/lib",
    "/Library",
    "/lost+found",
    "/media",
    "/mnt",
    "/net",
    "/Network",
    "/opt",
    "/opt/bin",
    "/opt/include",
    "/opt/lib",
    "/opt/sbin",
    "/opt/share",
    "/private",
    "/private/tmp",
    "/private/var",
    "/proc",
    "/rescue",
    "/root",
    "/sbin",
    "/selinux",
    "/srv",
    "/sys",
    "/System",
    "/tmp",
    "/Users",
    "/usr",
    "/usr/X11R6",
    "/usr/bin",
    "/usr/include",
    "/usr/lib",
    "/usr/libdata",
    "/usr/libexec",
    "/usr/local/bin",
    "/usr/local/src",
    "/usr/obj",
    "/usr/ports",
    "/usr/sbin",
    "/usr/share",
    "/usr/src",
    "/var",
    "/var/log",
    "/var/mail",
    "/var/spool",
    "/var/tmp",
    "/var/yp",
];

/// The extensions of faker's common MIME types (pdf, mpeg and wav audio, png, jpeg, gif, mp4, mpeg, html).
const COMMON_FILE_EXTS: &[&[&str]] = &[
    &["pdf"],
    &["mpga", "mp2", "mp2a", "mp3", "m2a", "m3a"],
    &["wav"],
    &["png"],
    &["jpeg", "jpg", "jpe"],
    &["gif"],
    &["mp4", "mp4v", "mpg4"],
    &["mpeg", "mpg", "mpe", "m1v", "m2v"],
    &["html", "htm", "shtml"],
];

/// The top-level MIME types faker knows.
const FILE_TYPES: &[&str] = &[
    "application",
    "audio",
    "chemical",
    "font",
    "image",
    "message",
    "model",
    "multipart",
    "text",
    "video",
    "x-conference",
    "x-shader",
];

/// Countries and account layouts (count and kind of characters) that faker makes IBANs for.
const IBAN_LAYOUTS: &[(&str, &str)] = &[
    ("AL", "8n16c"),
    ("AD", "8n12c"),
    ("AT", "16n"),
    ("AZ", "4a20n"),
    ("BH", "4a14c"),
    ("BE", "12n"),
    ("BA", "16n"),
    ("BR", "23n1a1c"),
    ("BG", "4a6n8c"),
    ("CR", "17n"),
    ("HR", "17n"),
    ("CY", "8n16c"),
    ("CZ", "20n"),
    ("DK", "14n"),
    ("DO", "4a20n"),
    ("TL", "19n"),
    ("EE", "16n"),
    ("FO", "14n"),
    ("FI", "14n"),
    ("FR", "10n11c2n"),
    ("GE", "2a16n"),
    ("DE", "18n"),
    ("GI", "4a15c"),
    ("GR", "7n16c"),
    ("GL", "14n"),
    ("GT", "24c"),
    ("HU", "24n"),
    ("IS", "22n"),
    ("IE", "4c14n"),
    ("IL", "19n"),
    ("IT", "1a10n12c"),
    ("JO", "4a22n"),
    ("KZ", "3n13c"),
    ("XK", "16n"),
    ("KW", "4a22c"),
    ("LV", "4a13c"),
    ("LB", "4n20c"),
    ("LI", "5n12c"),
    ("LT", "16n"),
    ("LU", "3n13c"),
    ("MK", "3n10c2n"),
    ("MT", "4a5n18c"),
    ("MR", "23n"),
    ("MU", "4a19n3a"),
    ("MC", "10n11c2n"),
    ("MD", "20c"),
    ("ME", "18n"),
    ("NL", "4a10n"),
    ("NO", "11n"),
    ("PK", "4a16n"),
    ("PS", "4c21n"),
    ("PL", "24n"),
    ("PT", "21n"),
    ("QA", "4a21c"),
    ("RO", "4a16c"),
    ("SM", "1a10n12c"),
    ("SA", "2n18c"),
    ("RS", "18n"),
    ("SK", "20n"),
    ("SI", "15n"),
    ("ES", "20n"),
    ("SE", "20n"),
    ("CH", "5n12c"),
    ("TN", "20n"),
    ("TR", "22n"),
    ("AE", "19n"),
    ("GB", "4a14n"),
    ("VG", "4c16n"),
];

/// What Postman sends for `$randomImageDataUri` (faker called without a size).
const DATA_URI: &str =
    "data:image/svg+xml;charset=UTF-8,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%20\
version%3D%221.1%22%20baseProfile%3D%22full%22%20width%3D%22undefined%22%20height%3D%22undefined%22%3E%3Crect%20\
width%3D%22100%25%22%20height%3D%22100%25%22%20fill%3D%22grey%22%2F%3E%3Ctext%20x%3D%22NaN%22%20y%3D%22NaN%22%20\
font-size%3D%2220%22%20alignment-baseline%3D%22middle%22%20text-anchor%3D%22middle%22%20fill%3D%22white%22%3E\
undefinedxundefined%3C%2Ftext%3E%3C%2Fsvg%3E";
