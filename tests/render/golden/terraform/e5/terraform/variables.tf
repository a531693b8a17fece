# Terraform variables: set them in a *.tfvars file or TF_VAR_* env
# Design: E5 vMotion in the management subnet
# Revision: 7
# Generated: 2026-02-02T08:15:00Z

variable "vsphere_server" {
  description = "vCenter Server address."
  type        = string
}

variable "vsphere_user" {
  description = "vCenter user with rights to change host networking."
  type        = string
}

variable "vsphere_password" {
  description = "Password of vsphere_user."
  type        = string
  sensitive   = true
}

variable "allow_unverified_ssl" {
  description = "Accept a self-signed vCenter certificate."
  type        = bool
  default     = false
}

variable "datacenter" {
  description = "vCenter datacenter that holds the hosts."
  type        = string
}

variable "esxi_host_names" {
  description = "Name vCenter knows each planned host by (change if vCenter uses FQDNs or IPs)."
  type        = map(string)
  default = {
    "esx01" = "esx01"
    "esx02" = "esx02"
  }
}
