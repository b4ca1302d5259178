// A short scenario through the client generated from the served OpenAPI document, as the
// checkout frontend would use it: place (with a delivery address), replay, read (with its
// ETag), list, cancel with a stale and then the current If-Match, then a 404 and a 400
// read as typed problems. bin/client-check generates the client, compiles this with tsc and
// runs it against a running order-api; any failed expectation exits with status 1.
import { randomUUID } from "node:crypto";
import {
  Configuration,
  OrdersApi,
  Problem,
  ProblemFromJSON,
  ResponseError,
} from "../generated";

const baseUrl = required("ORDER_API_URL");
const customerId = required("CUSTOMER_ID");
const checkout = new OrdersApi(new Configuration({ basePath: baseUrl, accessToken: required("CHECKOUT_TOKEN") }));
const customer = new OrdersApi(new Configuration({ basePath: baseUrl, accessToken: required("CUSTOMER_TOKEN") }));

async function main(): Promise<void> {
  const idempotencyKey = randomUUID();
  const newOrder = {
    customerId,
    currency: "CNY",
    items: [{ sku: "SKU-1", quantity: 2, unitPrice: "19.90" }],
    paymentTimeout: "PT30M",
    deliveryAddress: {
      recipientName: "李雷", phone: "+86 138 0013 8000", country: "CN", region: "广东省", city: "深圳市",
      district: "南山区", lines: ["科技园南区 1 号楼 8 层"], postalCode: "518057",
    },
  };

  const placed = await checkout.placeOrder({ idempotencyKey, newOrder });
  expect("placed: awaiting payment", placed.status === "PENDING_PAYMENT", placed.status);
  expect("placed: total 39.80", placed.totalAmount === "39.80", placed.totalAmount);
  expect("placed: deadline is a Date", placed.paymentDeadline instanceof Date, placed.paymentDeadline);

  const replay = await checkout.placeOrderRaw({ idempotencyKey, newOrder });
  const replayed = await replay.value();
  expect("replayed: 201 with Idempotent-Replayed: true",
    replay.raw.status === 201 && replay.raw.headers.get("Idempotent-Replayed") === "true",
    `${replay.raw.status} ${replay.raw.headers.get("Idempotent-Replayed")}`);
  expect("replayed: the same order", replayed.orderNo === placed.orderNo, replayed.orderNo);
  expect("replayed: Location names it", replay.raw.headers.get("Location") === `/api/orders/${placed.orderNo}`,
    replay.raw.headers.get("Location"));

  const reading = await customer.getOrderRaw({ orderNo: placed.orderNo });
  const read = await reading.value();
  expect("read: the customer's order", read.orderNo === placed.orderNo && read.customerId === customerId, read.orderNo);
  expect("read: the delivery address", read.deliveryAddress?.city === "深圳市", read.deliveryAddress);
  const etag = reading.raw.headers.get("ETag");
  expect("read: its ETag is its version", etag === `"${read.version}"`, etag);

  const page = await customer.listOrders({ status: "PENDING_PAYMENT", limit: 20 });
  expect("listed: the order on the first page", page.items.some((order) => order.orderNo === placed.orderNo),
    page.items.map((order) => order.orderNo));

  const stale = await problemOf(customer.cancelOrder({ orderNo: placed.orderNo, ifMatch: `"${read.version + 1}"` }));
  expect("stale If-Match: a 412 problem", stale.status === 412 && stale.title === "Order changed",
    JSON.stringify(stale));

  const cancelled = await customer.cancelOrder({ orderNo: placed.orderNo, ifMatch: etag ?? undefined });
  expect("cancelled: at the customer's request",
    cancelled.status === "CANCELLED" && cancelled.cancelReason === "CUSTOMER_REQUEST",
    `${cancelled.status} ${cancelled.cancelReason}`);

  const notFound = await problemOf(customer.getOrder({ orderNo: "01ZZZZZZZZZZZZZZZZZZZZZZZZ" }));
  expect("unknown order: a 404 problem", notFound.status === 404 && notFound.title === "Order not found",
    JSON.stringify(notFound));

  const invalid = await problemOf(checkout.placeOrder({
    newOrder: { ...newOrder, customerId: "", items: [{ sku: "SKU-1", quantity: 0, unitPrice: "19.90" }] },
  }));
  const fields = (invalid.errors ?? []).map((error) => error.field).sort();
  expect("invalid order: a 400 problem naming each invalid field",
    invalid.status === 400 && fields.join(",") === "customerId,items[0].quantity", JSON.stringify(invalid));

  console.log(`client-check: scenario passed (order ${placed.orderNo})`);
}

/** The problem detail a call failed with, read through the generated Problem model. */
async function problemOf(call: Promise<unknown>): Promise<Problem> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ResponseError) {
      const contentType = error.response.headers.get("Content-Type");
      expect(`${error.response.status}: application/problem+json`, contentType === "application/problem+json",
        contentType);
      return ProblemFromJSON(await error.response.json());
    }
    throw error;
  }
  throw new Error("client-check: expected the call to fail with a problem, it succeeded");
}

function expect(what: string, holds: boolean, actual: unknown): void {
  if (!holds) {
    throw new Error(`client-check: expected ${what}, got ${JSON.stringify(actual)}`);
  }
  console.log(`client-check: ok - ${what}`);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`client-check: ${name} is not set`);
  }
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
