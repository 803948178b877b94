# Seed 003: a container exiting with 42 fails the whole Job at once (podFailurePolicy FailJob).
kubectl create -f job-pod-failure-policy-failjob.yaml
sim advance 20s
kubectl get pods -l job-name=job-pod-failure-policy-failjob
sim advance 20s
kubectl get jobs -l job-name=job-pod-failure-policy-failjob
kubectl get jobs -l job-name=job-pod-failure-policy-failjob -o jsonpath='{range .items[0].status.conditions[*]}{.type}: {.reason}: {.message}{"\n"}{end}'
kubectl logs -l job-name=job-pod-failure-policy-failjob --tail=1
