-- Payment gateway callbacks, applied payments and the anomalies kept for reconciliation.

-- Every callback the service acted on, by the gateway's event id: a repeated event changes nothing.
CREATE TABLE payment_callback (
    event_id       varchar(255)   NOT NULL,
    type           varchar(30)    NOT NULL,
    order_no       varchar(32)    NOT NULL,
    transaction_id varchar(255)   NOT NULL,
    amount         numeric(19, 2) NOT NULL,
    currency       char(3)        NOT NULL,
    occurred_at    timestamptz    NOT NULL,
    received_at    timestamptz    NOT NULL,
    CONSTRAINT payment_callback_pkey PRIMARY KEY (event_id),
    CONSTRAINT payment_callback_type_check CHECK (type IN ('payment.succeeded', 'payment.failed'))
);

-- Money received, by the gateway's transaction id: a transaction is applied once, whatever
-- events carry it. outcome says whether it paid the order or must be refunded.
CREATE TABLE payment (
    transaction_id varchar(255)   NOT NULL,
    order_no       varchar(32)    NOT NULL,
    amount         numeric(19, 2) NOT NULL,
    currency       char(3)        NOT NULL,
    event_id       varchar(255)   NOT NULL,
    received_at    timestamptz    NOT NULL,
    outcome        varchar(20),
    CONSTRAINT payment_pkey PRIMARY KEY (transaction_id),
    CONSTRAINT payment_outcome_check CHECK (outcome IN ('PAID_ORDER', 'REFUND_REQUESTED'))
);

CREATE INDEX payment_order_no_idx ON payment (order_no);

-- Callbacks refused because they do not match an order: for a person to reconcile.
CREATE TABLE payment_anomaly (
    event_id       varchar(255) NOT NULL,
    kind           varchar(30)  NOT NULL,
    order_no       varchar(32)  NOT NULL,
    transaction_id varchar(255) NOT NULL,
    detail         text         NOT NULL,
    payload        text         NOT NULL,
    first_seen_at  timestamptz  NOT NULL,
    last_seen_at   timestamptz  NOT NULL,
    occurrences    integer      NOT NULL DEFAULT 1,
    CONSTRAINT payment_anomaly_pkey PRIMARY KEY (event_id),
    CONSTRAINT payment_anomaly_kind_check CHECK (kind IN ('UNKNOWN_ORDER', 'AMOUNT_MISMATCH'))
);
