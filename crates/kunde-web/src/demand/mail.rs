//! The e-mail a waiting customer gets when their item is available, in the language they
//! asked in.

use crate::kit::i18n::Tr;
use kunde_domain::mail::Mail;
use kunde_store::Recipient;

pub fn available_mail(r: &Recipient, business: &str, item: &str) -> Mail {
    let tr = Tr::new(r.language);
    let args = [("business", business), ("item", item)];
    Mail {
        to: r.email.clone(),
        to_name: Some(r.name.clone()),
        subject: tr.t_args("demand-mail-subject", &args),
        text: format!(
            "{}\n\n{}\n",
            tr.t_args("demand-mail-body", &args),
            tr.t_args("demand-mail-note", &args)
        ),
        html: None,
        unsubscribe_url: None,
        reply_to: None,
    }
}
