#!/usr/bin/env python3
"""A mixed load on running apps (bin/start), for the dashboard picture in docs/operations.md.

    python3 docs/operations/load.py [SECONDS] [ORDERS_PER_SECOND]

Places orders with payment timeouts of 5-20 s; pays about half of them through signed gateway
callbacks (some of those after the order was cancelled, which requests a refund, and a few for
orders that do not exist, which are anomalies), cancels some at the customer's request, ships
some paid ones with a 5-15 s auto-completion, and leaves the rest to their payment timer.
"""
import hashlib
import hmac
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

API = "http://localhost:8080"
SECRET = os.environ.get("ORDER_PAYMENT_CALLBACK_SECRET", "dev-only-callback-secret-never-use-in-production")
ROOT = os.path.dirname(os.path.abspath(__file__)) + "/../.."


def token(subject, *scopes):
    return subprocess.check_output([ROOT + "/bin/token", subject, *scopes], text=True).strip()


CHECKOUT = token("checkout", "orders:place")
SUPPORT = token("support", "orders:admin")
WAREHOUSE = token("warehouse", "orders:fulfil")


def post(path, body, headers):
    request = urllib.request.Request(API + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        return {"status": error.code}


def pay(order_no, amount):
    body = {"eventId": "evt-load-" + order_no + "-" + str(random.random()), "type": "payment.succeeded",
            "orderNo": order_no, "transactionId": "txn-load-" + order_no, "amount": amount, "currency": "CNY",
            "occurredAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    raw = json.dumps(body)
    t = str(int(time.time()))
    signature = hmac.new(SECRET.encode(), (t + "." + raw).encode(), hashlib.sha256).hexdigest()
    request = urllib.request.Request(API + "/api/payments/callbacks", data=raw.encode(), method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Payment-Signature": "t=" + t + ",v1=" + signature})
    try:
        urllib.request.urlopen(request, timeout=10).read()
    except urllib.error.HTTPError:
        pass


def later(seconds, action, *args):
    threading.Timer(seconds, action, args).start()


def one_order():
    placed = post("/api/orders", {"customerId": "c-load-%d" % random.randint(1, 50), "currency": "CNY",
                                  "items": [{"sku": "SKU-%d" % random.randint(1, 9), "quantity": 1, "unitPrice": "9.90"}],
                                  "paymentTimeout": "PT%dS" % random.randint(5, 20)}, {"Authorization": "Bearer " + CHECKOUT})
    order_no = placed.get("orderNo")
    if not order_no:
        return
    roll = random.random()
    if roll < 0.45:
        pay(order_no, "9.90")
        if random.random() < 0.5:
            later(random.uniform(0.5, 3), post, "/api/orders/%s/shipment" % order_no,
                  {"carrier": "SF Express", "trackingNo": "SF" + order_no[-8:],
                   "autoCompleteAfter": "PT%dS" % random.randint(5, 15)}, {"Authorization": "Bearer " + WAREHOUSE})
    elif roll < 0.55:
        post("/api/orders/%s/cancellation" % order_no, {}, {"Authorization": "Bearer " + SUPPORT})
        later(random.uniform(0.5, 2), pay, order_no, "9.90")  # arrives after the cancel: refund
    elif roll < 0.58:
        pay("ORD-UNKNOWN-" + order_no[-6:], "9.90")  # an anomaly


def main():
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 5
    end = time.time() + seconds
    placed = 0
    while time.time() < end:
        started = time.time()
        threading.Thread(target=one_order).start()
        placed += 1
        time.sleep(max(0.0, 1 / rate - (time.time() - started)))
    print("load: %d orders in %d s" % (placed, seconds))


if __name__ == "__main__":
    main()
