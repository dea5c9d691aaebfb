variable "aws_region" {
  description = "Region of the workload account"
  type        = string
  default     = "eu-central-1"
}

variable "environment_suffix" {
  description = "Suffix for resource names (dev, staging, prod, pr123)"
  type        = string
  default     = "dev"
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC"
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(cidrnetmask(var.vpc_cidr))
    error_message = "vpc_cidr must be a valid IPv4 CIDR block."
  }
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow logs"
  type        = number
  default     = 90
}
