//! Outgoing mail (invitations, password resets) through SMTP, when an SMTP URL is configured.

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone, Debug)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("SMTP URL: {0}")]
    Url(String),
    #[error("address {0:?}: {1}")]
    Address(String, String),
    #[error("mail: {0}")]
    Send(String),
}

impl Mailer {
    /// `smtp_url` as lettre reads it: `smtps://user:pass@host:465`, or
    /// `smtp://user:pass@host:587?tls=required`.
    pub fn new(smtp_url: &str, from: &str) -> Result<Mailer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| MailError::Url(e.to_string()))?
            .build();
        let from = from.parse().map_err(|e: lettre::address::AddressError| {
            MailError::Address(from.to_string(), e.to_string())
        })?;
        Ok(Mailer { transport, from })
    }

    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), MailError> {
        let to: Mailbox = to.parse().map_err(|e: lettre::address::AddressError| {
            MailError::Address(to.to_string(), e.to_string())
        })?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| MailError::Send(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError::Send(e.to_string()))
    }
}
