//! Postman's dynamic variables made from word lists (names, places, companies, lorem ipsum, ...),
//! from the `fake` crate's English data, shaped as Postman's faker calls shape them. Word lists
//! `fake` lacks or words differently (products, hacker speak, databases, job areas) are faker's.

use ::fake::faker::{address::en as address, company::en as company, currency::en as currency};
use ::fake::faker::{filesystem::en as filesystem, finance::en as finance, internet::en as internet};
use ::fake::faker::{job::en as job, lorem::en as lorem, name::en as name};
use ::fake::Fake;

/// A fresh value of the word-list variable `name` (with its `$`), or `None` if it is not one.
pub(super) fn value(name: &str) -> Option<String> {
    let value: String = match name {
        "$randomFirstName" => name::FirstName().fake(),
        "$randomLastName" => name::LastName().fake(),
        "$randomFullName" => full_name(),
        "$randomNamePrefix" => name::Title().fake(),
        "$randomNameSuffix" => name::Suffix().fake(),
        "$randomJobTitle" => {
            format!("{} {} {}", pick(JOB_DESCRIPTORS), pick(JOB_AREAS), job::Position().fake::<String>())
        }
        "$randomJobDescriptor" => pick(JOB_DESCRIPTORS),
        "$randomJobArea" => pick(JOB_AREAS),
        "$randomJobType" => job::Position().fake(),
        "$randomCity" => city(),
        "$randomStreetName" => address::StreetName().fake(),
        "$randomStreetAddress" => format!("{} {}", digits(fastrand::usize(3..=5)), value("$randomStreetName")?),
        "$randomCountry" => address::CountryName().fake(),
        "$randomCountryCode" => address::CountryCode().fake(),
        "$randomColor" => pick(COLORS),
        "$randomDepartment" => pick(DEPARTMENTS),
        "$randomProductName" => format!("{} {} {}", pick(PRODUCT_ADJECTIVES), pick(PRODUCT_MATERIALS), pick(PRODUCTS)),
        "$randomProductAdjective" => pick(PRODUCT_ADJECTIVES),
        "$randomProductMaterial" => pick(PRODUCT_MATERIALS),
        "$randomProduct" => pick(PRODUCTS),
        "$randomCompanyName" => company_name(),
        "$randomCompanySuffix" => company::CompanySuffix().fake(),
        "$randomCatchPhrase" => company::CatchPhrase().fake(),
        "$randomCatchPhraseAdjective" => company::Buzzword().fake(),
        "$randomCatchPhraseDescriptor" => company::BuzzwordMiddle().fake(),
        "$randomCatchPhraseNoun" => company::BuzzwordTail().fake(),
        "$randomBs" => company::Bs().fake(),
        "$randomBsAdjective" => company::BsAdj().fake(),
        "$randomBsBuzz" => company::BsVerb().fake(),
        "$randomBsNoun" => company::BsNoun().fake(),
        "$randomDatabaseColumn" => pick(DATABASE_COLUMNS),
        "$randomDatabaseType" => pick(DATABASE_TYPES),
        "$randomDatabaseCollation" => pick(DATABASE_COLLATIONS),
        "$randomDatabaseEngine" => pick(DATABASE_ENGINES),
        "$randomBankAccountName" => format!("{} Account", pick(ACCOUNT_TYPES)),
        "$randomTransactionType" => pick(&["deposit", "withdrawal", "payment", "invoice"]),
        "$randomCurrencyCode" => currency::CurrencyCode().fake(),
        "$randomCurrencyName" => currency::CurrencyName().fake(),
        "$randomCurrencySymbol" => currency::CurrencySymbol().fake(),
        "$randomBankAccountBic" => finance::Bic().fake(),
        "$randomAbbreviation" => hacker("abbreviation"),
        "$randomAdjective" => hacker("adjective"),
        "$randomNoun" => hacker("noun"),
        "$randomVerb" => hacker("verb"),
        "$randomIngverb" => hacker("ingverb"),
        "$randomPhrase" => phrase(),
        "$randomAvatarImage" => {
            let handle = internet::Username().fake::<String>().replace('.', "_");
            format!("https://cdn.fakercloud.com/avatars/{handle}_128.jpg")
        }
        "$randomUserName" => user_name(),
        "$randomEmail" => email(&internet::FreeEmailProvider().fake::<String>()),
        "$randomExampleEmail" => email(&pick(&["example.org", "example.com", "example.net"])),
        "$randomDomainWord" => domain_word(),
        "$randomDomainName" => format!("{}.{}", domain_word(), super::value("$randomDomainSuffix")?),
        "$randomUrl" => format!("{}://{}", super::value("$randomProtocol")?, value("$randomDomainName")?),
        "$randomUserAgent" => internet::UserAgent().fake(),
        "$randomLoremWord" => lorem::Word().fake(),
        "$randomLoremWords" => words(3),
        "$randomLoremSlug" => words(3).replace(' ', "-"),
        "$randomLoremSentence" => sentence(),
        "$randomLoremSentences" => sentences(fastrand::usize(2..=6), " "),
        "$randomLoremParagraph" => sentences(fastrand::usize(3..=6), " "),
        "$randomLoremParagraphs" => {
            std::iter::repeat_with(|| value("$randomLoremParagraph")).take(3).collect::<Option<Vec<_>>>()?.join("\n \r")
        }
        "$randomLoremLines" => sentences(fastrand::usize(1..=5), "\n"),
        "$randomLoremText" => value(&pick(LOREM_TEXTS))?,
        "$randomWord" => random_word()?,
        "$randomWords" => random_words(fastrand::usize(2..=5))?,
        "$randomFileName" => file_name(&filesystem::FileExtension().fake::<String>())?,
        "$randomCommonFileName" => file_name(&super::value("$randomCommonFileExt")?)?,
        "$randomFilePath" => {
            format!("{}/{}", super::value("$randomDirectoryPath")?, value("$randomFileName")?)
        }
        "$randomMimeType" => filesystem::MimeType().fake::<String>().to_ascii_lowercase(),
        "$randomFileExt" => filesystem::FileExtension().fake(),
        _ => return None,
    };
    Some(value)
}

/// A random element of `list` (`""` for an empty one).
fn pick(list: &[&str]) -> String {
    fastrand::choice(list).copied().unwrap_or_default().to_owned()
}

/// `count` random decimal digits.
fn digits(count: usize) -> String {
    std::iter::repeat_with(|| char::from(b'0' + fastrand::u8(0..10))).take(count).collect()
}

/// faker's `name.findName`: one in nine with a prefix, one in nine with a suffix.
fn full_name() -> String {
    let (first, last): (String, String) = (name::FirstName().fake(), name::LastName().fake());
    match fastrand::u8(0..9) {
        0 => format!("{} {first} {last}", name::Title().fake::<String>()),
        1 => format!("{first} {last} {}", name::Suffix().fake::<String>()),
        _ => format!("{first} {last}"),
    }
}

/// faker's `address.city` formats: `[Prefix ]First[suffix]` or `Lastsuffix`.
fn city() -> String {
    let (prefix, suffix): (String, String) = (address::CityPrefix().fake(), address::CitySuffix().fake());
    let (first, last): (String, String) = (name::FirstName().fake(), name::LastName().fake());
    match fastrand::u8(0..4) {
        0 => format!("{prefix} {first}{suffix}"),
        1 => format!("{prefix} {first}"),
        2 => format!("{first}{suffix}"),
        _ => format!("{last}{suffix}"),
    }
}

/// faker's `company.companyName` formats.
fn company_name() -> String {
    let last = || name::LastName().fake::<String>();
    match fastrand::u8(0..3) {
        0 => format!("{} {}", last(), company::CompanySuffix().fake::<String>()),
        1 => format!("{} - {}", last(), last()),
        _ => format!("{}, {} and {}", last(), last(), last()),
    }
}

/// faker's `internet.userName`: `First12`, `First.Last` or `First_Last34`.
fn user_name() -> String {
    let (first, last): (String, String) = (name::FirstName().fake(), name::LastName().fake());
    let dot = pick(&[".", "_"]);
    let name = match fastrand::u8(0..3) {
        0 => format!("{first}{}", fastrand::u8(0..=99)),
        1 => format!("{first}{dot}{last}"),
        _ => format!("{first}{dot}{last}{}", fastrand::u8(0..=99)),
    };
    name.replace(['\'', ' '], "")
}

/// A user name at `domain`, without the characters an address cannot hold.
fn email(domain: &str) -> String {
    let user: String = user_name().chars().filter(|c| c.is_ascii_alphanumeric() || "._-".contains(*c)).collect();
    format!("{user}@{domain}")
}

/// A lower-case first name, as faker's `internet.domainWord`.
fn domain_word() -> String {
    name::FirstName().fake::<String>().chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase()
}

/// A random word of a hacker-speak list (`abbreviation`, `adjective`, `noun`, `verb`, `ingverb`).
fn hacker(list: &str) -> String {
    pick(match list {
        "abbreviation" => HACKER_ABBREVIATIONS,
        "adjective" => HACKER_ADJECTIVES,
        "noun" => HACKER_NOUNS,
        "verb" => HACKER_VERBS,
        _ => HACKER_INGVERBS,
    })
}

/// faker's `hacker.phrase`: a template with a fresh word for each `{{list}}`.
fn phrase() -> String {
    let (mut out, mut rest) = (String::new(), pick(HACKER_PHRASES));
    while let Some((before, after)) = rest.split_once("{{") {
        let (list, tail) = after.split_once("}}").unwrap_or((after, ""));
        out.push_str(before);
        out.push_str(&hacker(list));
        rest = tail.to_owned();
    }
    out + &rest
}

/// `count` lorem ipsum words.
fn words(count: usize) -> String {
    std::iter::repeat_with(|| lorem::Word().fake::<String>()).take(count).collect::<Vec<_>>().join(" ")
}

/// 3 to 10 lorem ipsum words, capitalized, with a full stop.
fn sentence() -> String {
    let words = words(fastrand::usize(3..=10));
    let mut chars = words.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>() + ".").unwrap_or_default()
}

/// `count` sentences joined by `separator`.
fn sentences(count: usize, separator: &str) -> String {
    std::iter::repeat_with(sentence).take(count).collect::<Vec<_>>().join(separator)
}

/// faker's `random.word`: one word of a random product, company, place, finance, hacker or job value.
fn random_word() -> Option<String> {
    let text = value(&pick(WORD_SOURCES))?;
    let words: Vec<&str> = text.split(' ').collect();
    fastrand::choice(words).map(str::to_owned)
}

/// `count` words of `random_word`.
fn random_words(count: usize) -> Option<String> {
    Some(std::iter::repeat_with(random_word).take(count).collect::<Option<Vec<_>>>()?.join(" "))
}

/// faker's `system.fileName`: one to three random words, lower case, `_` for other than `\w`.
fn file_name(extension: &str) -> Option<String> {
    let words = random_words(fastrand::usize(1..=3))?.to_lowercase();
    let stem: String = words.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    Some(format!("{stem}.{extension}"))
}

/// The variables `$randomLoremText` picks from.
const LOREM_TEXTS: &[&str] = &[
    "$randomLoremWord",
    "$randomLoremWords",
    "$randomLoremSentence",
    "$randomLoremSentences",
    "$randomLoremParagraph",
    "$randomLoremParagraphs",
    "$randomLoremLines",
];

/// The variables `random_word` takes a word from.
const WORD_SOURCES: &[&str] = &[
    "$randomDepartment",
    "$randomProductName",
    "$randomProductAdjective",
    "$randomProductMaterial",
    "$randomProduct",
    "$randomColor",
    "$randomCatchPhraseAdjective",
    "$randomCatchPhraseDescriptor",
    "$randomCatchPhraseNoun",
    "$randomBsAdjective",
    "$randomBsBuzz",
    "$randomBsNoun",
    "$randomCountry",
    "$randomBankAccountName",
    "$randomTransactionType",
    "$randomCurrencyName",
    "$randomNoun",
    "$randomVerb",
    "$randomAdjective",
    "$randomIngverb",
    "$randomAbbreviation",
    "$randomJobDescriptor",
    "$randomJobArea",
    "$randomJobType",
];

const JOB_DESCRIPTORS: &[&str] = &[
    "Lead",
    "Senior",
    "Direct",
    "Corporate",
    "Dynamic",
    "Future",
    "Product",
    "National",
    "Regional",
    "District",
    "Central",
    "Global",
    "Customer",
    "Investor",
    "Dynamic",
    "International",
    "Legacy",
    "Forward",
    "Internal",
    "Human",
    "Chief",
    "Principal",
];
const JOB_AREAS: &[&str] = &[
    "Solutions",
    "Program",
    "Brand",
    "Security",
    "Research",
    "Marketing",
    "Directives",
    "Implementation",
    "Integration",
    "Functionality",
    "Response",
    "Paradigm",
    "Tactics",
    "Identity",
    "Markets",
    "Group",
    "Division",
    "Applications",
    "Optimization",
    "Operations",
    "Infrastructure",
    "Intranet",
    "Communications",
    "Web",
    "Branding",
    "Quality",
    "Assurance",
    "Mobility",
    "Accounts",
    "Data",
    "Creative",
    "Configuration",
    "Accountability",
    "Interactions",
    "Factors",
    "Usability",
    "Metrics",
];
const COLORS: &[&str] = &[
    "red",
    "green",
    "blue",
    "yellow",
    "purple",
    "mint green",
    "teal",
    "white",
    "black",
    "orange",
    "pink",
    "grey",
    "maroon",
    "violet",
    "turquoise",
    "tan",
    "sky blue",
    "salmon",
    "plum",
    "orchid",
    "olive",
    "magenta",
    "lime",
    "ivory",
    "indigo",
    "gold",
    "fuchsia",
    "cyan",
    "azure",
    "lavender",
    "silver",
];
const DEPARTMENTS: &[&str] = &[
    "Books",
    "Movies",
    "Music",
    "Games",
    "Electronics",
    "Computers",
    "Home",
    "Garden",
    "Tools",
    "Grocery",
    "Health",
    "Beauty",
    "Toys",
    "Kids",
    "Baby",
    "Clothing",
    "Shoes",
    "Jewelery",
    "Sports",
    "Outdoors",
    "Automotive",
    "Industrial",
];
const PRODUCT_ADJECTIVES: &[&str] = &[
    "Small",
    "Ergonomic",
    "Rustic",
    "Intelligent",
    "Gorgeous",
    "Incredible",
    "Fantastic",
    "Practical",
    "Sleek",
    "Awesome",
    "Generic",
    "Handcrafted",
    "Handmade",
    "Licensed",
    "Refined",
    "Unbranded",
    "Tasty",
];
const PRODUCT_MATERIALS: &[&str] =
    &["Steel", "Wooden", "Concrete", "Plastic", "Cotton", "Granite", "Rubber", "Metal", "Soft", "Fresh", "Frozen"];
const PRODUCTS: &[&str] = &[
    "Chair", "Car", "Computer", "Keyboard", "Mouse", "Bike", "Ball", "Gloves", "Pants", "Shirt", "Table", "Shoes",
    "Hat", "Towels", "Soap", "Tuna", "Chicken", "Fish", "Cheese", "Bacon", "Pizza", "Salad", "Sausages", "Chips",
];
const DATABASE_COLUMNS: &[&str] = &[
    "id",
    "title",
    "name",
    "email",
    "phone",
    "token",
    "group",
    "category",
    "password",
    "comment",
    "avatar",
    "status",
    "createdAt",
    "updatedAt",
];
const DATABASE_TYPES: &[&str] = &[
    "int",
    "varchar",
    "text",
    "date",
    "datetime",
    "tinyint",
    "time",
    "timestamp",
    "smallint",
    "mediumint",
    "bigint",
    "decimal",
    "float",
    "double",
    "real",
    "bit",
    "boolean",
    "serial",
    "blob",
    "binary",
    "enum",
    "set",
    "geometry",
    "point",
];
const DATABASE_COLLATIONS: &[&str] = &[
    "utf8_unicode_ci",
    "utf8_general_ci",
    "utf8_bin",
    "ascii_bin",
    "ascii_general_ci",
    "cp1250_bin",
    "cp1250_general_ci",
];
const DATABASE_ENGINES: &[&str] = &["InnoDB", "MyISAM", "MEMORY", "CSV", "BLACKHOLE", "ARCHIVE"];
const ACCOUNT_TYPES: &[&str] =
    &["Checking", "Savings", "Money Market", "Investment", "Home Loan", "Credit Card", "Auto Loan", "Personal Loan"];
const HACKER_ABBREVIATIONS: &[&str] = &[
    "TCP", "HTTP", "SDD", "RAM", "GB", "CSS", "SSL", "AGP", "SQL", "FTP", "PCI", "AI", "ADP", "RSS", "XML", "EXE",
    "COM", "HDD", "THX", "SMTP", "SMS", "USB", "PNG", "SAS", "IB", "SCSI", "JSON", "XSS", "JBOD",
];
const HACKER_ADJECTIVES: &[&str] = &[
    "auxiliary",
    "primary",
    "back-end",
    "digital",
    "open-source",
    "virtual",
    "cross-platform",
    "redundant",
    "online",
    "haptic",
    "multi-byte",
    "bluetooth",
    "wireless",
    "1080p",
    "neural",
    "optical",
    "solid state",
    "mobile",
];
const HACKER_NOUNS: &[&str] = &[
    "driver",
    "protocol",
    "bandwidth",
    "panel",
    "microchip",
    "program",
    "port",
    "card",
    "array",
    "interface",
    "system",
    "sensor",
    "firewall",
    "hard drive",
    "pixel",
    "alarm",
    "feed",
    "monitor",
    "application",
    "transmitter",
    "bus",
    "circuit",
    "capacitor",
    "matrix",
];
const HACKER_VERBS: &[&str] = &[
    "back up",
    "bypass",
    "hack",
    "override",
    "compress",
    "copy",
    "navigate",
    "index",
    "connect",
    "generate",
    "quantify",
    "calculate",
    "synthesize",
    "input",
    "transmit",
    "program",
    "reboot",
    "parse",
];
const HACKER_INGVERBS: &[&str] = &[
    "backing up",
    "bypassing",
    "hacking",
    "overriding",
    "compressing",
    "copying",
    "navigating",
    "indexing",
    "connecting",
    "generating",
    "quantifying",
    "calculating",
    "synthesizing",
    "transmitting",
    "programming",
    "parsing",
];
const HACKER_PHRASES: &[&str] = &[
    "If we {{verb}} the {{noun}}, we can get to the {{abbreviation}} {{noun}} through the {{adjective}} {{abbreviation}} {{noun}}!",
    "We need to {{verb}} the {{adjective}} {{abbreviation}} {{noun}}!",
    "Try to {{verb}} the {{abbreviation}} {{noun}}, maybe it will {{verb}} the {{adjective}} {{noun}}!",
    "You can't {{verb}} the {{noun}} without {{ingverb}} the {{adjective}} {{abbreviation}} {{noun}}!",
    "Use the {{adjective}} {{abbreviation}} {{noun}}, then you can {{verb}} the {{adjective}} {{noun}}!",
    "The {{abbreviation}} {{noun}} is down, {{verb}} the {{adjective}} {{noun}} so we can {{verb}} the {{abbreviation}} {{noun}}!",
    "{{ingverb}} the {{noun}} won't do anything, we need to {{verb}} the {{adjective}} {{abbreviation}} {{noun}}!",
    "I'll {{verb}} the {{adjective}} {{abbreviation}} {{noun}}, that should {{noun}} the {{abbreviation}} {{noun}}!",
];
