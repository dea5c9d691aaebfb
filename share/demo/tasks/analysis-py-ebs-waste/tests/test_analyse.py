from datetime import datetime, timedelta, timezone

import boto3
import pytest
from moto import mock_aws

from lib.analyse import analyse

REGION = "us-east-1"


@pytest.fixture
def ec2():
    with mock_aws():
        yield boto3.client("ec2", region_name=REGION)


def volume(ec2, size=10, kind="gp3", tags=None):
    spec = [{"ResourceType": "volume", "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}] if tags else []
    return ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=size, VolumeType=kind, TagSpecifications=spec)["VolumeId"]


def test_unattached_volume_is_waste(ec2):
    volume(ec2, size=100, kind="gp2")
    report = analyse(ec2, datetime.now(timezone.utc))
    assert [v["monthly_cost"] for v in report.unattached] == [10.0]


def test_do_not_delete_is_never_waste(ec2):
    volume(ec2, size=50, tags={"DoNotDelete": "true"})
    report = analyse(ec2, datetime.now(timezone.utc))
    assert report.unattached == [] and len(report.protected) == 1


def test_orphaned_old_snapshot(ec2):
    vid = volume(ec2, size=20)
    ec2.create_snapshot(VolumeId=vid)
    ec2.delete_volume(VolumeId=vid)
    report = analyse(ec2, datetime.now(timezone.utc) + timedelta(days=91))
    assert len(report.old_snapshots) == 1


def test_pagination(ec2):
    for _ in range(1100):  # describe_volumes pages hold 1000 at most
        volume(ec2, size=1)
    report = analyse(ec2, datetime.now(timezone.utc))
    assert len(report.unattached) == 1100
