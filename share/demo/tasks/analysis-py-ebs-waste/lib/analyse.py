#!/usr/bin/env python3
"""Report EBS waste: unattached volumes, orphaned old snapshots, gp2 volumes.

Read-only: the script only calls Describe* APIs.
"""
import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone

import boto3
from tabulate import tabulate

PRICE_PER_GB = {"gp2": 0.10, "gp3": 0.08, "io1": 0.125, "io2": 0.125, "st1": 0.045, "sc1": 0.015, "standard": 0.05}
SNAPSHOT_PRICE_PER_GB = 0.05


@dataclass
class Report:
    unattached: list = field(default_factory=list)
    old_snapshots: list = field(default_factory=list)
    gp2_candidates: list = field(default_factory=list)
    protected: list = field(default_factory=list)

    def summary(self) -> dict:
        waste = sum(v["monthly_cost"] for v in self.unattached)
        waste += sum(s["monthly_cost"] for s in self.old_snapshots)
        return {
            "unattached_volumes": len(self.unattached),
            "old_snapshots": len(self.old_snapshots),
            "gp2_candidates": len(self.gp2_candidates),
            "protected_volumes": len(self.protected),
            "monthly_waste_usd": round(waste, 2),
            "monthly_gp3_saving_usd": round(sum(v["monthly_saving"] for v in self.gp2_candidates), 2),
        }


def _tags(resource) -> dict:
    return {t["Key"]: t["Value"] for t in resource.get("Tags", [])}


def _protected(resource) -> bool:
    return _tags(resource).get("DoNotDelete", "").lower() == "true"


def all_volumes(ec2):
    for page in ec2.get_paginator("describe_volumes").paginate():
        yield from page["Volumes"]


def own_snapshots(ec2):
    for page in ec2.get_paginator("describe_snapshots").paginate(OwnerIds=["self"]):
        yield from page["Snapshots"]


def analyse(ec2, now: datetime, snapshot_days: int = 90) -> Report:
    report = Report()
    volume_ids = set()
    for v in all_volumes(ec2):
        volume_ids.add(v["VolumeId"])
        row = {
            "volume_id": v["VolumeId"],
            "type": v["VolumeType"],
            "size_gb": v["Size"],
            "age_days": (now - v["CreateTime"]).days,
        }
        if _protected(v):
            report.protected.append(row)
            continue
        if v["State"] == "available":
            row["monthly_cost"] = round(v["Size"] * PRICE_PER_GB.get(v["VolumeType"], 0.10), 2)
            report.unattached.append(row)
        elif v["VolumeType"] == "gp2":
            row["monthly_saving"] = round(v["Size"] * (PRICE_PER_GB["gp2"] - PRICE_PER_GB["gp3"]), 2)
            report.gp2_candidates.append(row)

    cutoff = now - timedelta(days=snapshot_days)
    for s in own_snapshots(ec2):
        if s["StartTime"] < cutoff and s.get("VolumeId") not in volume_ids and not _protected(s):
            report.old_snapshots.append({
                "snapshot_id": s["SnapshotId"],
                "size_gb": s["VolumeSize"],
                "age_days": (now - s["StartTime"]).days,
                "monthly_cost": round(s["VolumeSize"] * SNAPSHOT_PRICE_PER_GB, 2),
            })
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--region", required=True)
    parser.add_argument("--snapshot-days", type=int, default=90)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)

    ec2 = boto3.client("ec2", region_name=args.region)
    report = analyse(ec2, datetime.now(timezone.utc), args.snapshot_days)

    for title, rows in (("Unattached volumes", report.unattached), ("Old orphaned snapshots", report.old_snapshots),
                        ("gp2 → gp3 candidates", report.gp2_candidates), ("Protected (DoNotDelete)", report.protected)):
        print(f"\n{title} ({len(rows)})")
        if rows:
            print(tabulate(rows, headers="keys"))
    summary = report.summary()
    print(f"\nMonthly waste: ${summary['monthly_waste_usd']:.2f}; gp3 saving: ${summary['monthly_gp3_saving_usd']:.2f}")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"summary": summary, **asdict(report)}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
