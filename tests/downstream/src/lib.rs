//! Downstream code of the generated Zoom client, as a crate that uses it would write it: its
//! tests (`tests/mock.rs`) run it against `zoom_generated::mock` instead of Zoom.

use zoom_generated::{Client, Error};

/// The user's token for starting meetings with the Client SDK, if Zoom gives one.
pub async fn meeting_token(
    zoom: &Client,
    user: &str,
) -> Result<Option<String>, Error<zoom_generated::users::GetUserTokenErrorBody>> {
    let answer = zoom.users().get_user_token(user).send().await?;
    Ok(answer.token.value().map(|t| t.expose().to_owned()))
}
