-- Orders, their lines, the transactional outbox and the idempotency keys of POST /api/orders.
-- A released migration is never edited: add V2, V3, ... instead.

CREATE TABLE orders (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    order_no         varchar(32)    NOT NULL,
    customer_id      varchar(64)    NOT NULL,
    status           varchar(20)    NOT NULL,
    cancel_reason    varchar(20),
    currency         char(3)        NOT NULL,
    total_amount     numeric(19, 2) NOT NULL,
    created_at       timestamptz    NOT NULL,
    payment_deadline timestamptz    NOT NULL,
    paid_at          timestamptz,
    cancelled_at     timestamptz,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_order_no_key UNIQUE (order_no),
    CONSTRAINT orders_status_check
        CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'SHIPPED', 'COMPLETED', 'CANCELLED')),
    CONSTRAINT orders_cancel_reason_check
        CHECK (cancel_reason IN ('PAYMENT_TIMEOUT', 'CUSTOMER_REQUEST', 'OUT_OF_STOCK')),
    CONSTRAINT orders_cancelled_has_reason_check
        CHECK ((status = 'CANCELLED') = (cancel_reason IS NOT NULL AND cancelled_at IS NOT NULL)),
    CONSTRAINT orders_total_amount_check CHECK (total_amount >= 0),
    CONSTRAINT orders_deadline_after_creation_check CHECK (payment_deadline > created_at)
);

-- Lets a safety net find overdue unpaid orders without scanning the whole table.
CREATE INDEX orders_pending_payment_deadline_idx ON orders (payment_deadline)
    WHERE status = 'PENDING_PAYMENT';

CREATE TABLE order_items (
    order_id   bigint         NOT NULL,
    line_no    smallint       NOT NULL,
    sku        varchar(64)    NOT NULL,
    quantity   integer        NOT NULL,
    unit_price numeric(19, 2) NOT NULL,
    CONSTRAINT order_items_pkey PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_items_order_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_quantity_check CHECK (quantity BETWEEN 1 AND 10000),
    CONSTRAINT order_items_unit_price_check CHECK (unit_price >= 0)
);

-- Messages written in the same transaction as the change that caused them, published after commit.
-- kind EVENT: published at once to the events exchange, destination = routing key.
-- kind TIMER: published into the delay levels so that it reaches its queue at deliver_at, destination = timer name.
CREATE TABLE outbox_message (
    id              uuid         NOT NULL,
    kind            varchar(10)  NOT NULL,
    destination     varchar(100) NOT NULL,
    payload         text         NOT NULL,
    deliver_at      timestamptz,
    created_at      timestamptz  NOT NULL,
    next_attempt_at timestamptz  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    last_error      text,
    published_at    timestamptz,
    CONSTRAINT outbox_message_pkey PRIMARY KEY (id),
    CONSTRAINT outbox_message_kind_check CHECK (kind IN ('EVENT', 'TIMER')),
    CONSTRAINT outbox_message_timer_has_deliver_at_check CHECK ((kind = 'TIMER') = (deliver_at IS NOT NULL))
);

CREATE INDEX outbox_message_unpublished_idx ON outbox_message (next_attempt_at)
    WHERE published_at IS NULL;

CREATE INDEX outbox_message_published_at_idx ON outbox_message (published_at)
    WHERE published_at IS NOT NULL;

CREATE TABLE idempotency_key (
    idempotency_key varchar(255) NOT NULL,
    request_hash    char(64)     NOT NULL,
    order_no        varchar(32)  NOT NULL,
    response_body   text         NOT NULL,
    created_at      timestamptz  NOT NULL,
    CONSTRAINT idempotency_key_pkey PRIMARY KEY (idempotency_key)
);

CREATE INDEX idempotency_key_created_at_idx ON idempotency_key (created_at);
