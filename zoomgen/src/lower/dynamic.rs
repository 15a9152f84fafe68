//! Postman's dynamic variables (`{{$guid}}`, `{{$randomFirstName}}`, ...): which names Postman
//! knows, and which of them the generated client makes with the `fake` crate.

use crate::ir::Dynamic;

/// Whether `name` (with its `$`) is one of Postman's dynamic variables, and what it needs.
pub(crate) fn kind(name: &str) -> Option<Dynamic> {
    if PLAIN.contains(&name) {
        Some(Dynamic::Plain)
    } else if FAKE.contains(&name) {
        Some(Dynamic::Words)
    } else {
        None
    }
}

/// The variables `runtime/dynamic.rs` makes itself.
const PLAIN: &[&str] = &[
    "$guid",
    "$timestamp",
    "$isoTimestamp",
    "$randomInt",
    "$randomPhoneNumber",
    "$randomPhoneNumberExt",
    "$randomLocale",
    "$randomDirectoryPath",
    "$randomLatitude",
    "$randomLongitude",
    "$randomDatePast",
    "$randomDateFuture",
    "$randomDateRecent",
    "$randomMonth",
    "$randomWeekday",
    "$randomBankAccount",
    "$randomCreditCardMask",
    "$randomPrice",
    "$randomBitcoin",
    "$randomBankAccountIban",
    "$randomImageUrl",
    "$randomAbstractImage",
    "$randomAnimalsImage",
    "$randomBusinessImage",
    "$randomCatsImage",
    "$randomCityImage",
    "$randomFoodImage",
    "$randomNightlifeImage",
    "$randomFashionImage",
    "$randomPeopleImage",
    "$randomNatureImage",
    "$randomSportsImage",
    "$randomTransportImage",
    "$randomImageDataUri",
    "$randomProtocol",
    "$randomDomainSuffix",
    "$randomIP",
    "$randomIPV6",
    "$randomHexColor",
    "$randomMACAddress",
    "$randomPassword",
    "$randomUUID",
    "$randomBoolean",
    "$randomAlphaNumeric",
    "$randomCommonFileType",
    "$randomCommonFileExt",
    "$randomFileType",
    "$randomSemver",
];

/// The variables made from word lists (`runtime/dynamic_fake.rs`, with the `fake` crate).
const FAKE: &[&str] = &[
    "$randomWords",
    "$randomFilePath",
    "$randomCity",
    "$randomStreetName",
    "$randomStreetAddress",
    "$randomCountry",
    "$randomCountryCode",
    "$randomColor",
    "$randomDepartment",
    "$randomProductName",
    "$randomProductAdjective",
    "$randomProductMaterial",
    "$randomProduct",
    "$randomCompanyName",
    "$randomCompanySuffix",
    "$randomCatchPhrase",
    "$randomBs",
    "$randomCatchPhraseAdjective",
    "$randomCatchPhraseDescriptor",
    "$randomCatchPhraseNoun",
    "$randomBsAdjective",
    "$randomBsBuzz",
    "$randomBsNoun",
    "$randomDatabaseColumn",
    "$randomDatabaseType",
    "$randomDatabaseCollation",
    "$randomDatabaseEngine",
    "$randomBankAccountName",
    "$randomTransactionType",
    "$randomCurrencyCode",
    "$randomCurrencyName",
    "$randomCurrencySymbol",
    "$randomBankAccountBic",
    "$randomAbbreviation",
    "$randomAdjective",
    "$randomNoun",
    "$randomVerb",
    "$randomIngverb",
    "$randomPhrase",
    "$randomAvatarImage",
    "$randomEmail",
    "$randomExampleEmail",
    "$randomUserName",
    "$randomUrl",
    "$randomDomainName",
    "$randomDomainWord",
    "$randomUserAgent",
    "$randomLoremWord",
    "$randomLoremWords",
    "$randomLoremSentence",
    "$randomLoremSlug",
    "$randomLoremSentences",
    "$randomLoremParagraph",
    "$randomLoremParagraphs",
    "$randomLoremText",
    "$randomLoremLines",
    "$randomFirstName",
    "$randomLastName",
    "$randomFullName",
    "$randomJobTitle",
    "$randomNamePrefix",
    "$randomNameSuffix",
    "$randomJobDescriptor",
    "$randomJobArea",
    "$randomJobType",
    "$randomWord",
    "$randomFileName",
    "$randomCommonFileName",
    "$randomMimeType",
    "$randomFileExt",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn table_lists_postmans_118_names_once() {
        let all: BTreeSet<&str> = PLAIN.iter().chain(FAKE).copied().collect();
        assert_eq!(PLAIN.len() + FAKE.len(), 118);
        assert_eq!(all.len(), 118, "a name is listed twice");
        assert!(all.iter().all(|n| n.starts_with('$')));
    }

    #[test]
    fn kind_needs_the_exact_name_with_its_dollar() {
        assert_eq!(kind("$guid"), Some(Dynamic::Plain));
        assert_eq!(kind("$randomFirstName"), Some(Dynamic::Words));
        assert_eq!(kind("guid"), None);
        assert_eq!(kind("$randomfirstname"), None);
        assert_eq!(kind("$random"), None);
    }
}
