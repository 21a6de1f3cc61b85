//! Typed ids: a UUID v7 each, written as text, stable forever, never reused.
//! One type per kind of item so an event id cannot be handed where an
//! article id is expected.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps a UUID made by the caller (normally `Uuid::now_v7()`).
            pub fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// An id from a plain number: for tests and synthetic data.
            pub fn from_u128(value: u128) -> Self {
                Self(Uuid::from_u128(value))
            }

            /// The underlying UUID.
            pub fn uuid(self) -> Uuid {
                self.0
            }

            /// The first eight hex digits: enough to tell items apart in messages.
            pub fn short(self) -> String {
                self.0.simple().to_string()[..8].to_owned()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Names an [`Article`](super::Article).
    ArticleId
);
id_type!(
    /// Names an [`Event`](super::Event).
    EventId
);
id_type!(
    /// Names a [`Series`](super::Series).
    SeriesId
);
id_type!(
    /// Names an [`Observation`](super::Observation).
    ObservationId
);
id_type!(
    /// Names a [`Proposal`](super::Proposal).
    ProposalId
);
id_type!(
    /// Names a [`NotebookPlace`](super::NotebookPlace).
    PlaceId
);
id_type!(
    /// Names a [`NotebookActor`](super::NotebookActor).
    ActorId
);
id_type!(
    /// Names a [`SavedView`](super::SavedView).
    ViewId
);
id_type!(
    /// Names a [`WatchTerm`](super::WatchTerm).
    WatchId
);
